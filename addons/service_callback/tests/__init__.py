from . import test_service_callback
