from . import sale_contract_return_wizard
