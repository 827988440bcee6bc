from . import service_callback
