{
    "name": "Dealer Reports",
    "summary": "Analyses of appraisals, purchases, sales, costs, jobs and bookings",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealer",
    "author": "Dealer Suite",
    "website": "https://github.com/dealer-suite/dealer",
    "license": "LGPL-3",
    "depends": ["dealer_jobs", "dealer_fleet", "dealer_usedcar", "report_xlsx"],
    "data": [
        "security/dealer_reports_groups.xml",
        "security/ir.model.access.csv",
        "security/dealer_reports_rules.xml",
        "views/menus.xml",
        "report/dealer_report_vehicle_cost_views.xml",
    ],
    "installable": True,
}
