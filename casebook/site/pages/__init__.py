"""One module per kind of page: each plans its pages in one language from the project, with the views
its templates show. :class:`casebook.site.plan.SitePlan` puts them together in the site's order."""
