/** @odoo-module **/
// In the field on a phone (375x667, touch): the technician opens today's
// on-site visit, records the solution, adds a photo, has the customer sign
// and closes the visit. Data comes from test_field_visits.py. The photo and
// signature steps are shared with the callback agent's tour.
import {registry} from "@web/core/registry";
import {inputFiles} from "@web/../tests/utils";

// a 1x1 PNG
const PNG = Uint8Array.from(
    atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAIBpajgkwAAAABJRU5ErkJggg=="),
    (c) => c.charCodeAt(0)
);

export function photoSteps(field, name) {
    return [
        {
            content: "Take a photo of the machine",
            trigger: `.o_field_widget[name=${field}] .o_attach`,
            async run() {
                const photo = new File([PNG], name, {type: "image/png"});
                await inputFiles(`.o_field_widget[name=${field}] .o_input_file`, [photo]);
            },
        },
        {
            content: "The photo is on the record",
            trigger: `.o_field_widget[name=${field}] .o_attachment[title='${name}']:not(.o_attachment_uploading)`,
        },
    ];
}

export function signatureSteps(nameField, signatureField, signer) {
    return [
        {
            content: "The customer writes their name",
            trigger: `.o_field_widget[name=${nameField}] input`,
            run: `edit ${signer}`,
        },
        {
            content: "The customer signs",
            trigger: `.o_field_widget[name=${signatureField}] .o_signature`,
            run: "click",
        },
        {
            content: "The customer draws their signature with a finger",
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
                    pointerType: "touch",
                    isPrimary: true,
                    buttons: 1,
                });
                canvas.dispatchEvent(new PointerEvent("pointerdown", point(20, 40)));
                for (const [x, y] of [
                    [50, 70],
                    [80, 45],
                    [110, 80],
                    [140, 55],
                ]) {
                    // the pad samples a move every 16 ms
                    await new Promise((resolve) => setTimeout(resolve, 30));
                    canvas.dispatchEvent(new PointerEvent("pointermove", point(x, y)));
                }
                canvas.dispatchEvent(new PointerEvent("pointerup", point(140, 55)));
            },
        },
        {
            content: "Adopt the signature",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "The record is signed",
            trigger: `body:not(:has(.modal)) .o_field_widget[name=${signatureField}] img.o_signature`,
        },
    ];
}

registry.category("web_tour.tours").add("service_lifecycle_field_visit_tour", {
    steps: () => [
        {
            content: "Today's visit, on a phone",
            trigger: ".o_kanban_view .o_kanban_record:contains(Phone visit)",
            run: "click",
        },
        {
            content: "What was done on site",
            trigger: ".o_form_view .o_field_widget[name=solution] .odoo-editor-editable",
            run: "editor Replaced the hydraulic seal",
        },
        ...photoSteps("visit_photo_ids", "seal.png"),
        ...signatureSteps("visit_signed_by", "visit_signature", "Wang Farmer"),
        {
            content: "Close the visit",
            trigger: ".o_form_view .o_form_sheet button[name=action_visit_done]",
            run: "click",
        },
        {
            content: "The visit is closed",
            trigger: ".o_form_view .ribbon:contains(Visit closed)",
        },
    ],
});
