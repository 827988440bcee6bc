/** @odoo-module **/
// The hotline's path of a task order in the browser: the phone agent records
// the call and hands it to the information coordinator, who hands it to the
// technician; the technician repairs it, customer service closes it with the
// customer's satisfaction; a card dragged to Done too early is refused. Data
// comes from test_service_tours.py.
import {registry} from "@web/core/registry";

function pickMany2one(field, text) {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o_field_widget[name=${field}] .o-autocomplete--dropdown-item a:contains(${text})`,
            run: "click",
        },
        {
            content: `${text} is set`,
            trigger: `.o_field_widget[name=${field}] input:value(${text})`,
        },
    ];
}

registry.category("web_tour.tours").add("service_lifecycle_phone_intake_tour", {
    steps: () => [
        {
            content: "The hotline script greets the caller",
            trigger: ".o_form_view .o_field_widget[name=hotline_script]:contains(customer service)",
        },
        ...pickMany2one("partner_id", "Tour Farm"),
        ...pickMany2one("product_id", "Tour Tractor"),
        ...pickMany2one("lot_id", "TOUR-SN-1"),
        {
            content: "Title of the call",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Engine will not start",
        },
        {
            content: "Working conditions",
            trigger: ".o_field_widget[name=working_conditions] textarea",
            run: "edit Wheat harvest, dry fields",
        },
        {
            content: "Symptoms",
            trigger: ".o_field_widget[name=fault_symptoms] textarea",
            run: "edit Starter turns, engine does not fire",
        },
        {
            content: "Record the task order",
            trigger: "button[name=action_create_ticket]",
            run: "click",
        },
        {
            content: "Hand the task order to the coordinator",
            trigger: ".o_form_view button[name=action_submit_intake]",
            run: "click",
        },
        {
            content: "The task order waits for the coordinator",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Coordination)",
        },
        {
            content: "The agent does not hand it to a technician",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_hand_to_technician]))",
        },
    ],
});

registry.category("web_tour.tours").add("service_lifecycle_coordinator_handoff_tour", {
    steps: () => [
        {
            content: "The coordinator's step",
            trigger: ".o_form_view button[name=action_hand_to_technician]",
        },
        ...pickMany2one("user_id", "Tour Technician"),
        {
            content: "Hand the task order to the technician",
            trigger: ".o_form_view button[name=action_hand_to_technician]",
            run: "click",
        },
        {
            content: "The task order is in diagnosis",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Diagnosis)",
        },
    ],
});

registry.category("web_tour.tours").add("service_lifecycle_repair_close_tour", {
    steps: () => [
        {
            content: "Open the service page",
            trigger: ".o_form_view .nav-link[name=service]",
            run: "click",
        },
        {
            content: "The machine goes to the repair center",
            trigger: ".o_field_widget[name=service_mode] select",
            run: 'select "carry_in"',
        },
        {
            content: "Create the repair order",
            trigger: ".o_form_view button[name=action_create_repair]",
            run: "click",
        },
        {
            content: "The task order is in service",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(In Progress)",
        },
        {
            content: "Open the diagnosis page",
            trigger: ".o_form_view .nav-link[name=diagnosis]",
            run: "click",
        },
        {
            content: "Record the solution",
            trigger: ".o_field_widget[name=solution] .odoo-editor-editable",
            run: "editor Replaced the starter relay",
        },
        {
            content: "Solved: customer service asks the customer",
            trigger: ".o_form_view button[name=action_solved]",
            run: "click",
        },
        {
            content: "The task order waits for the customer's answer",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Awaiting)",
        },
        {
            content: "The technician does not record the satisfaction",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_close]))",
        },
    ],
});

registry.category("web_tour.tours").add("service_lifecycle_satisfaction_close_tour", {
    steps: () => [
        {
            content: "Customer service asks the customer",
            trigger: ".o_form_view button[name=action_close]",
            run: "click",
        },
        {
            content: "The customer is satisfied",
            trigger: ".modal .o_field_widget[name=satisfaction] input[data-value=satisfied]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The task order is done",
            trigger: "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
    ],
});

registry.category("web_tour.tours").add("service_lifecycle_kanban_done_refused_tour", {
    steps: () => [
        {
            content: "The task orders by stage",
            trigger: ".o_kanban_view .o_kanban_record:contains(Tour drag)",
        },
        {
            content: "Bring the card's stage and the folded Done stage into view",
            trigger: ".o_kanban_group:has(.o_kanban_record:contains(Tour drag))",
            run() {
                this.anchor.scrollIntoView({inline: "start", block: "nearest"});
            },
        },
        {
            content: "Drag the task order to Done",
            trigger: ".o_kanban_record:contains(Tour drag)",
            async run(helpers) {
                // onto the middle of the folded column, below its header
                await helpers.drag_and_drop(
                    ".o_kanban_group.o_column_folded:has(.o_column_title:contains(Done))",
                    {position: {top: 80, left: 10}, relative: true}
                );
            },
        },
        {
            content: "The move is refused and says what is missing",
            trigger: ".modal:contains(Record the solution)",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The card is back in its stage",
            trigger: "body:not(:has(.modal)) .o_kanban_group:contains(In Progress) .o_kanban_record:contains(Tour drag)",
        },
    ],
});
