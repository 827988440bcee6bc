from . import service_close_wizard, service_intake_wizard
