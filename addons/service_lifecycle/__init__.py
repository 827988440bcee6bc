from . import controllers, demo, models, wizard
