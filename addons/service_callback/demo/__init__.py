# The demo story's loader (service.callback.demo), called by the demo data only.
from . import service_callback_demo, service_callback_demo_programme
