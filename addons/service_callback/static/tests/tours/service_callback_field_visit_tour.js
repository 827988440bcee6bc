/** @odoo-module **/
// In the field on a phone (375x667, touch): the callback agent opens today's
// on-site callback, records the satisfied customer's words, adds a photo, has
// the customer sign and closes the visit. Data comes from
// test_callback_field_visits.py.
import {registry} from "@web/core/registry";
import {
    photoSteps,
    signatureSteps,
} from "@service_lifecycle/../tests/tours/service_field_visit_tour";

registry.category("web_tour.tours").add("service_callback_field_visit_tour", {
    steps: () => [
        {
            content: "Today's on-site callback, on a phone",
            trigger: ".o_kanban_view .o_kanban_record:contains(Li Farm Cooperative)",
            run: "click",
        },
        {
            content: "The customer was reached",
            trigger: ".o_form_view .o_field_widget[name=reached] input",
            run: "check",
        },
        {
            content: "The customer is satisfied",
            trigger: ".o_form_view .o_field_widget[name=rating] select",
            run: 'select "satisfied"',
        },
        {
            content: "The customer's words",
            trigger: ".o_form_view .o_field_widget[name=customer_feedback] textarea",
            run: "edit The harvester works well since the repair",
        },
        ...photoSteps("photo_ids", "farm.png"),
        ...signatureSteps("signed_by", "signature", "Zhang San"),
        {
            content: "Close the visit",
            trigger: ".o_form_view .o_form_sheet button[name=action_done]",
            run: "click",
        },
        {
            content: "The visit is closed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
    ],
});
