from . import service_kpi_payroll_export, service_kpi_period_run
