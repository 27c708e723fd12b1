{
    "name": "Dealer Bookings",
    "summary": "Test drives, replacement cars and rentals on the dealer's own cars",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealer",
    "author": "Dealer Suite",
    "website": "https://github.com/dealer-suite/dealer",
    "license": "LGPL-3",
    "depends": ["dealer_jobs", "hr", "repair", "web_timeline"],
    "data": [
        "security/dealer_fleet_groups.xml",
        "views/menus.xml",
    ],
    "installable": True,
}
