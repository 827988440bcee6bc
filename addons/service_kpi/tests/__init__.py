from . import test_kpi_measures, test_service_kpi_indicator
