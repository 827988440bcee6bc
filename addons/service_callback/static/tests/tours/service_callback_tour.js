/** @odoo-module **/
// An on-site callback in the browser: the agent records a dissatisfied
// customer, has them sign the record and marks it done, which opens a
// complaint. Data comes from test_callback_tour.py.
import {registry} from "@web/core/registry";
import {signatureSteps} from "@service_lifecycle/../tests/tours/service_field_visit_tour";

registry.category("web_tour.tours").add("service_callback_onsite_complaint_tour", {
    steps: () => [
        {
            content: "The customer was reached",
            trigger: ".o_field_widget[name=reached] input",
            run: "check",
        },
        {
            content: "The customer is not satisfied",
            trigger: ".o_field_widget[name=rating] select",
            run: 'select "dissatisfied"',
        },
        {
            content: "The customer's words",
            trigger: ".o_field_widget[name=customer_feedback] textarea",
            run: "edit The engine still smokes after the repair",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Open the signature page",
            trigger: ".o_form_view .nav-link[name=signature]",
            run: "click",
        },
        ...signatureSteps("signed_by", "signature", "Zhang San"),
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Mark the callback done",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The callback is done and a complaint opened",
            trigger: ".o_form_view .o_field_widget[name=complaint_ticket_id]",
        },
    ],
});
