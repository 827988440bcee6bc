/** @odoo-module **/
// An appraisal in the browser: the employee assesses themself, then their
// supervisor reviews it. Data comes from test_kpi_appraisal_tour.py.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("service_kpi_self_assessment_tour", {
    steps: () => [
        {
            content: "Open the self-assessment",
            trigger: ".o_form_view .nav-link[name=self]",
            run: "click",
        },
        {
            content: "My score",
            trigger: ".o_field_widget[name=self_score] input",
            run: "edit 85",
        },
        {
            content: "My comment",
            trigger: ".o_field_widget[name=self_comment] textarea",
            run: "edit Answered every call within three rings",
        },
        {
            content: "Submit the self-assessment",
            trigger: ".o_form_view button[name=action_submit_self]",
            run: "click",
        },
        {
            content: "The appraisal waits for the supervisor",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Self-Assessed)",
        },
    ],
});

registry.category("web_tour.tours").add("service_kpi_supervisor_review_tour", {
    steps: () => [
        {
            content: "Open the supervisor's page",
            trigger: ".o_form_view .nav-link[name=supervisor]",
            run: "click",
        },
        {
            content: "The supervisor's score",
            trigger: ".o_field_widget[name=supervisor_score] input",
            run: "edit 78",
        },
        {
            content: "The supervisor's comment",
            trigger: ".o_field_widget[name=supervisor_comment] textarea",
            run: "edit Good calls, slow reports",
        },
        {
            content: "Mark it reviewed",
            trigger: ".o_form_view button[name=action_review]",
            run: "click",
        },
        {
            content: "The appraisal is reviewed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Reviewed)",
        },
    ],
});
