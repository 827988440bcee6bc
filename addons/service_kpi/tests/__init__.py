from . import (
    test_kpi_appraisal,
    test_kpi_appraisal_tour,
    test_kpi_complaint_handling,
    test_kpi_measures,
    test_kpi_penalty,
    test_kpi_query_counts,
    test_kpi_review_marks,
    test_kpi_rules,
    test_kpi_values,
    test_kpi_workflow,
    test_printed_forms,
    test_service_kpi_indicator,
)
