/** @odoo-module **/
// A contract in the browser: Legal approves it, the salesman records the
// signatures, a finance reader acknowledges the department's copy. Data comes
// from test_service_tours.py.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("service_lifecycle_contract_review_tour", {
    steps: () => [
        {
            content: "Read the terms",
            trigger: ".o_form_view .nav-link[name=terms]",
            run: "click",
        },
        {
            content: "Approve the contract",
            trigger: ".o_form_view button[name=action_contract_approve]",
            run: "click",
        },
        {
            content: "The contract is approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approved)",
        },
    ],
});

registry.category("web_tour.tours").add("service_lifecycle_contract_sign_tour", {
    steps: () => [
        {
            content: "Open the contract page",
            trigger: ".o_form_view .nav-link[name=contract]",
            run: "click",
        },
        {
            content: "Customer's signatory",
            trigger: ".o_field_widget[name=contract_customer_signatory] input",
            run: "edit Wang Jianguo",
        },
        {
            content: "Customer's signing date",
            trigger: ".o_field_widget[name=contract_customer_sign_date] input",
            run: "edit 03/02/2026 && press Enter",
        },
        {
            content: "Company's signing date",
            trigger: ".o_field_widget[name=contract_company_sign_date] input",
            run: "edit 03/03/2026 && press Enter",
        },
        {
            content: "Our signatory",
            trigger: ".o_field_widget[name=contract_company_signatory_id] input",
            run: "edit Sally Sales",
        },
        {
            content: "Choose the salesman",
            trigger: ".o-autocomplete--dropdown-item a:contains(Sally Sales)",
            run: "click",
        },
        {
            content: "Mark the contract signed",
            trigger: ".o_form_view button[name=action_contract_sign]",
            run: "click",
        },
        {
            content: "The copies go to the receiving departments",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The contract is signed and its copies sent",
            trigger: ".o_form_view:not(:has(button[name=action_contract_sign])) .o_field_widget[name=contract_state]:contains(Copies Distributed)",
        },
    ],
});

registry.category("web_tour.tours").add("service_lifecycle_contract_copy_tour", {
    steps: () => [
        {
            content: "Open the department's copy",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains(Finance)",
            run: "click",
        },
        {
            content: "Acknowledge receipt",
            trigger: ".o_form_view button[name=action_acknowledge]",
            run: "click",
        },
        {
            content: "The copy is acknowledged",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Acknowledged)",
        },
    ],
});
