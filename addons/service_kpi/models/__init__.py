from . import service_kpi_indicator
