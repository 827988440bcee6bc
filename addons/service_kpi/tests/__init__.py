from . import test_service_kpi_indicator
