# The demo story's loader (service.lifecycle.demo), called by the demo data
# only; kept apart from the production models.
from . import service_lifecycle_demo, service_lifecycle_demo_field
