# The demo story's loader: a model whose methods only demo/service_kpi_demo.xml
# calls, kept out of the production models/ package.
from . import service_kpi_demo, service_kpi_demo_staff
