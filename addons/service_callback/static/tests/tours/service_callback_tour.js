/** @odoo-module **/
// An on-site callback in the browser: the agent records a dissatisfied
// customer, has them sign the record and marks it done, which opens a
// complaint. Data comes from test_callback_tour.py.
import {registry} from "@web/core/registry";

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
        {
            content: "The customer writes their name",
            trigger: ".o_field_widget[name=signed_by] input",
            run: "edit Zhang San",
        },
        {
            content: "The customer signs",
            trigger: ".o_field_widget[name=signature] .o_signature",
            run: "click",
        },
        {
            content: "The customer draws their signature",
            trigger: ".modal canvas.o_web_sign_signature",
            async run() {
                const canvas = document.querySelector(".modal canvas.o_web_sign_signature");
                const rect = canvas.getBoundingClientRect();
                const point = (x, y) => ({
                    clientX: rect.left + x,
                    clientY: rect.top + y,
                    bubbles: true,
                    cancelable: true,
                    pointerId: 1,
                    pointerType: "mouse",
                    isPrimary: true,
                    buttons: 1,
                });
                canvas.dispatchEvent(new PointerEvent("pointerdown", point(30, 40)));
                for (const [x, y] of [
                    [60, 80],
                    [100, 50],
                    [140, 90],
                    [180, 60],
                ]) {
                    // the pad samples a move every 16 ms
                    await new Promise((resolve) => setTimeout(resolve, 30));
                    canvas.dispatchEvent(new PointerEvent("pointermove", point(x, y)));
                }
                canvas.dispatchEvent(new PointerEvent("pointerup", point(180, 60)));
            },
        },
        {
            content: "Adopt the signature",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "The record is signed",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=signature] img.o_signature",
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
