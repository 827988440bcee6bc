from . import service_callback_plan
