from . import controllers, demo, models, wizard


def _post_init_hook(env):
    """The callback rules take over the leads' pre-sale follow-ups: the grade
    cadence's open follow-up activities end (``crm.lead._schedule_followup``
    stands down, see ``_followup_by_grade_cadence``)."""
    env["crm.lead"].with_context(active_test=False).search(
        [("next_followup_date", "!=", False)]
    )._schedule_followup()
