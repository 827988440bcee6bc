from . import controllers, demo, models, tools, wizard
