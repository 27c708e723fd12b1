{
    "name": "Dealer Used Cars",
    "summary": "Used-car lifecycle: prospects, appraisal, stock-in, reconditioning, sale approval",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealer",
    "author": "Dealer Suite",
    "website": "https://github.com/dealer-suite/dealer",
    "license": "LGPL-3",
    "depends": ["dealer_jobs", "crm", "stock_landed_costs", "repair", "survey"],
    "data": [
        "security/dealer_usedcar_groups.xml",
        "views/menus.xml",
    ],
    "installable": True,
}
