## The hub: its name, roles and navigation.
hub-product = Tandem hub
hub-login-label = E-mail address
hub-role-admin = Network administrator
hub-role-lead = Network lead
hub-role-member = Clinic member
hub-clinic-pseudonym = Clinic { $number }
nav-network = Network
nav-clinics = Clinics
nav-definitions = Definitions

## Charts.
chart-goal = goal { $value }
chart-centre-line = centre line
chart-network = network centre line
chart-limits = 3σ limits
chart-outside = outside the limits
chart-run = shift or trend
chart-run-point = part of a shift or trend

## The network page.
network-simulated-banner = Simulated data. Every clinic, count and practice on this page was generated for a demonstration; none of it describes real patients.
network-simulated-suffix = (simulated data)
network-simulated-small = (simulated)
network-coverage = { $enrolled ->
    [one] { $enrolled } clinic enrolled
   *[other] { $enrolled } clinics enrolled
}, { $reporting } reporting · { $months ->
    [one] { $months } month
   *[other] { $months } months
}, { $first } to { $last }
network-coverage-empty = { $enrolled ->
    [one] { $enrolled } clinic enrolled
   *[other] { $enrolled } clinics enrolled
} · no data released yet
network-no-measures = The network has not defined any measures yet.
network-table-caption = { $title }. Suppressed clinics withheld a small count and are not in the sums.
network-table-caption-simulated = { $title }, simulated data. Suppressed clinics withheld a small count and are not in the sums.
network-col-contributing = Clinics contributing
network-col-suppressed = Clinics suppressed
network-chart-description = { $title } across the network, month by month, { $months } months from { $first } to { $last }. { $summary }.

## Administration: clinics.
admin-clinics-title = Clinics
admin-clinics-caption = Every clinic of the network, with how its node stands
admin-no-clinics = No clinic has been added yet. Add the first one below.
admin-clinic = Clinic
admin-state = State
admin-last-sync = Node last heard from
admin-last-release = Last release
admin-certificate = Certificate expires
admin-definitions-version = Definitions it has
admin-actions = Actions
admin-active = Active
admin-not-enrolled = Waiting for its node to enrol
admin-revoked-on = Revoked on { $date }
admin-never = Never
admin-release-number = No. { $number }, { $date }
admin-behind = not the latest yet
admin-new-code = Issue a new enrolment code
admin-revoke = Revoke
admin-revoke-confirm = Yes, refuse { $clinic }’s node from now on
admin-revoke-confirm-needed = To revoke a clinic, tick the box that confirms it, then press Revoke. Its node will be refused from its next request, and this cannot be undone.
admin-code-once = Enrolment code for { $clinic }. It is shown only this once, works once, and expires on { $expires }. Give it to the clinic’s team by a safe route (in person or by phone).
admin-code = Enrolment code
admin-code-command = On the clinic’s server, run
admin-add-clinic = Add a clinic
admin-clinic-id = Short id
admin-clinic-id-hint = Lower-case letters, digits and hyphens, for example north-childrens. It cannot be changed later.
admin-clinic-name = Name, as leads will read it
admin-add-clinic-submit = Add the clinic and issue its code

## Administration: definitions.
admin-definitions-title = Definitions
admin-published = Version { $version } is published. Nodes take it at their next sync.
admin-current = What is published now
admin-none-published = Nothing has been published yet. Upload the network’s definitions file below.
admin-version = Version
admin-min-cell = Smallest count released by a clinic
admin-public-min-cell = Smallest count in a public figure
admin-public-min-clinics = Fewest clinics in a public figure
admin-public-max-share = Largest share of one clinic in a public figure
admin-tags = Practice tags
admin-tag-counts = { $conditions } conditions, { $topics } topics
admin-measures = Measures
admin-measure-id = Id
admin-measure-title = Title
admin-measure-family = Kind
admin-upload = Upload a new version
admin-upload-file = Definitions file (TOML)
admin-upload-hint = The same format as deploy/definitions.toml. You will see what it changes before anything is published.
admin-upload-submit = Show what it changes
admin-upload-missing = Choose a definitions file to upload.
admin-upload-too-large = That file is larger than 512 KiB; a definitions file is much smaller. Check that you chose the right file.
admin-upload-not-text = That file is not text (UTF-8). Choose the TOML definitions file.
admin-preview-title = What { $file } changes
admin-preview-same = This file says exactly what version { $version } says: there is nothing to publish.
admin-change-added = New measure: { $title } ({ $id })
admin-change-removed = Measure removed: { $title } ({ $id }). Nodes will stop reporting it.
admin-change-measure = Measure changed: { $title } ({ $id })
admin-change-policy = Disclosure policy changed
admin-change-vocabulary = Practice tags changed
admin-change-computation = How measures are computed from the extract changed
admin-field = Field
admin-field-from = Now
admin-field-to = After publishing
admin-publish-note = Publishing makes this the network’s next version; every node takes it at its next sync.
admin-publish = Publish as version { $version }
admin-publish-stale = Someone published version { $version } while you were reviewing. Upload your file again to see what it changes now.

## Audit entries of the hub.
audit-clinic-added = Clinic added
audit-enrolment-code-issued = Enrolment code issued
audit-clinic-revoked = Clinic revoked
audit-definitions-published = Definitions published
