from . import service_kpi_trend
