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

# A measure's page: the network chart, the funnel and the clinics' small multiples.
measure-back = ← All measures
measure-network-heading = The network, month by month
measure-download-network = Download the network's months (CSV)
measure-download-clinics = Download every clinic's months (CSV)
measure-clinics-heading = Each clinic, on one scale
measure-multiples-note = { $count ->
    [one] One clinic, drawn on the same scale as the network. A month marked × was suppressed: the clinic withheld a small count, so there is a gap, not a zero.
   *[other] { $count } clinics, all drawn on the same scale. A month marked × was suppressed: the clinic withheld a small count, so there is a gap, not a zero.
}
measure-multiple-description = { $title } at { $clinic }: { $reported } of { $months } months reported, { $suppressed } suppressed.
measure-funnel-heading = Clinics compared, latest month
measure-funnel-lede = Each dot is a clinic: its value against the number of patients it counted. Small clinics vary more by chance, so the limits widen to the left; a clinic outside them differs from the network by more than chance.
measure-funnel-widened = Widen the limits for differences between clinics (over-dispersion)
measure-funnel-plain = Show the exact binomial limits only
measure-funnel-title = Funnel plot, { $month }
measure-funnel-description = { $title }, { $month }: { $clinics } clinics against the network value of { $target }, with exact binomial limits; { $outside ->
    [0] none is outside the 95 % limits.
    [one] one is outside the 95 % limits.
   *[other] { $outside } are outside the 95 % limits.
}
measure-funnel-table = Clinics in { $month }
measure-funnel-proportions-only = A funnel plot compares proportions; this measure is not one.
measure-funnel-too-few = Fewer than two clinics have reported a month yet, so there is nothing to compare.
measure-funnel-inside = within the limits
measure-funnel-outside-95 = outside the 95 % limits
measure-funnel-outside-998 = outside the 99.8 % limits
measure-col-clinic = Clinic
measure-col-z = z-score
measure-col-position = Position

# The overview: each measure where the network stands now.
overview-latest = { $value } in { $month }
overview-no-data = No month released yet
overview-no-signal = Latest month: no signal of special-cause variation.
overview-signal = Latest month: { $signal }.
overview-reporting = Figures for { $month } were due by the { $day }th: { $reported } of { $enrolled } clinics reported, { $late ->
    [0] none late.
    [one] 1 late.
   *[other] { $late } late.
}

# Centre-line phases on a measure's page.
phase-heading = Centre lines
phase-lede = When the care changes for good, the network's chart gets a new centre line from the month it changed, so that later months are judged against the new level. The engine suggests where a sustained shift began; a network lead decides, with a note saying why. Every decision is kept and can be undone.
phase-none = No decision yet: the chart has one centre line over every month.
phase-break = New centre line from { $month }
phase-freeze = Baseline frozen up to { $month }
phase-by = by { $who } on { $when }
phase-undone = undone by { $who } on { $when }
phase-undo = Undo
phase-suggested = A sustained shift suggests a new centre line from { $month }. Why did the care change then?
phase-note-hint = for example: the network started the flare line in every clinic
phase-accept = Accept this centre line
phase-by-hand = Set a centre line or a baseline by hand
phase-kind = What to change
phase-kind-break = A new centre line from a month on
phase-kind-freeze = Freeze the baseline: the first centre line and limits from the months up to a month, extended after it
phase-month = Month
phase-note = Why (required)
phase-save = Save the decision

# One clinic's page.
clinic-summary = Of { $expected } measure-months: { $reported } reported ({ $share }), { $suppressed } suppressed as small counts, { $missing } missing.
clinic-chart-description = { $title } at this clinic, { $months } months from { $first } to { $last }. { $summary }
clinic-table-caption = { $title } at this clinic. The network centre line is from the network's own chart.
clinic-completeness-heading = Which months were reported
clinic-completeness-summary = Month by month, for each measure: reported, suppressed or missing
clinic-completeness-caption = Reported, suppressed (a small count withheld) or missing, by month and measure
clinic-reported = reported
clinic-suppressed = suppressed
clinic-missing = missing
clinic-cycles-heading = PDSA cycles shared with the network
clinic-no-cycles = No cycle shared yet.
clinic-cycle-since = since { $start }
clinic-cycle-from-to = { $start } to { $end }
clinic-status-planning = planning
clinic-status-doing = doing
clinic-status-studying = studying
clinic-status-acting = acting
clinic-status-complete = complete
clinic-decision-adopt = adopted
clinic-decision-adapt = adapted
clinic-decision-abandon = abandoned
clinic-decision-continue = continued
clinic-practices-heading = Practices shared with the network
clinic-no-practices = No practice shared yet.
