## A clinic's node: its name, roles and navigation.
node-product = Tandem · clinic
node-login-label = Your name on this node
node-role-lead = Clinic lead
node-role-member = Clinic team member
node-role-partner = Patient partner
node-nav-home = Home

## The home page.
node-not-enrolled-title = This node is not enrolled yet
node-not-enrolled = Ask your network administrator for an enrolment code, then run tandem-node enrol on this server.
node-last-error = The last sync failed:
node-hub = Network hub
node-last-sync = Last sync with the hub
node-never = Never
node-certificate = Certificate valid until
node-definitions = Network definitions
node-definitions-version = Version { $version }, { $measures } measures
node-definitions-none = None yet: they arrive with the first sync
node-work = The team’s work
node-count-unreleased = Records not yet released
node-count-pending = Releases approved, waiting to be sent
node-count-delivered = Releases delivered to the hub
node-count-errors = Items the hub refused
node-api-note = Scripts can use the node’s JSON API under /api/v1 with a personal token from My account.

## Audit entries of a node.
audit-release-approved = Release approved
audit-release-withdrawn = Release withdrawn
audit-roster-changed = Roster changed

## Measures.
node-nav-measures = Measures
node-measures-title = Our measures
node-measures-lede = The network’s measures, month by month, for this clinic. Values computed from the extract come from the patient-level data kept on this server; only the monthly counts can leave, after review.
node-measures-none = The network has not sent its measures yet: they arrive with the first sync.
node-measures-caption = The network’s measures and this clinic’s latest month
node-measure = Measure
node-measure-source = Where the values come from
node-measure-latest-heading = Latest month
node-measure-computed = Computed from the extract
node-measure-by-hand = Entered by the team
node-measure-latest = { $month }: { $value }
node-measure-none = No month yet
node-measure-due = { $month } is due
node-measures-back = All measures
node-measure-chart = This clinic, month by month
node-measure-no-months = No month has been recorded yet.
node-measure-definition = Exactly what is counted (the network’s definition)
node-chart-description = { $title } at this clinic, month by month, { $months } months from { $first } to { $last }. { $summary }.
node-table-caption = { $title } at this clinic, as recorded on this node. Values are released to the network only after review.
node-entry-title = Enter a month
node-entry-computed-title = Where the numbers come from
node-entry-month-label = Month
node-entry-month-hint = The month the numbers are for, for example 2026-10.
node-entry-proportion-numerator-label = Patients who meet the measure (numerator)
node-entry-proportion-numerator-hint = A whole number, no larger than the number of patients counted below.
node-entry-proportion-denominator-label = Patients counted (denominator)
node-entry-proportion-denominator-hint = A whole number: every patient the definition counts this month.
node-entry-rate-numerator-label = Events in the month
node-entry-rate-numerator-hint = A whole number, for example the unplanned admissions.
node-entry-rate-denominator-label = Exposure (patient-months)
node-entry-rate-denominator-hint = A whole number: one for each patient followed during the month.
node-entry-count-label = Count for the month
node-entry-count-hint = A whole number.
node-entry-mean-label = Mean value
node-entry-mean-hint = A number; decimals with a point or a comma.
node-entry-observations-label = Number of observations
node-entry-observations-hint = A whole number: how many values the mean is taken over.
node-entry-save = Save this month
node-entry-saved = { $month } is saved. It will go to the network with the next release, after review.
node-entry-above = The numerator ({ $numerator }) is larger than the denominator ({ $denominator }): a proportion cannot be more than 100%. Check both numbers.
node-entry-future = { $month } has not started yet; values can be entered only for months that have begun.
node-entry-not-month = “{ $text }” is not a month: choose one, or write it as YYYY-MM, for example 2026-10.
node-entry-not-count = { $field }: “{ $text }” is not a whole number. Write digits only, for example 42.
node-entry-not-number = { $field }: “{ $text }” is not a number. For example 3.5.
node-entry-computed = This measure is computed from the clinic’s extract, so it is not typed in. To change a month, import a corrected extract.
node-entry-partner = Clinic members enter the monthly values; patient partners can read them here.
node-extract-link = Import an extract
node-extract-last = The extract was last imported { $date }.
node-extract-never = No extract has been imported yet.

## The extract.
node-extract-title = The clinic’s extract
node-extract-lede = Import the patient-level extract from your registry as CSV files, one per table. The rows stay on this server and are never sent anywhere: the node computes each month’s numbers from them, and only those numbers can leave, after review.
node-extract-table-file = Last imported: { $file }, { $rows } rows, { $date }, by { $by }.
node-extract-table-none = Not imported yet.
node-import-heading = Import files
node-import-files-label = CSV files
node-import-files-hint = One file per table, with the column names listed below in the first line. Dates are written YYYY-MM-DD. You can choose several files at once.
node-import-date-label = Day the extract was taken (optional)
node-import-date-hint = Months that ended at least two weeks before this day are computed. Leave it empty for today.
node-import-submit = Import and compute
node-import-running = { $by } is importing { $file }: { $rows } rows read, { $rate } rows a second{ $left }. This page refreshes by itself.
node-import-left = , about { $seconds } s left
node-import-done = The last import read { $rows } rows for { $patients } patients and computed { $first } to { $last }: { $added } new values, { $changed } changed.
node-import-no-month = The last import finished, but no month is complete yet for that extract.
node-import-changed = Changed values go through review before they are released: { $months }.
node-import-refused = Nothing was imported: { $file } has { $count ->
    [one] one problem
   *[other] { $count } problems
    } to fix first.
node-import-more = … and { $count } more.
node-import-no-dictionary = The network has not sent a data dictionary, so no measure is computed from an extract; enter the monthly values on each measure’s page.
node-import-no-files = Choose at least one CSV file to import.
node-import-busy = An import is already running; wait for it to finish, then try again.
node-import-bad-date = “{ $text }” is not a date; choose a day, or write it as YYYY-MM-DD.
node-dictionary-heading = What each file holds
node-dictionary-lede = The network’s data dictionary: each table is one CSV file, and each row below one of its columns. Columns not listed are ignored and not kept.
node-field-column = Column
node-field-holds = Holds
node-field-about = What it means
node-field-key = An identifier (kept on this server only)
node-field-date = A date, YYYY-MM-DD
node-field-boolean = true or false
node-field-integer = A whole number from { $min } to { $max }
node-field-choice = One of: { $values }
node-field-optional = may be empty
audit-extract-imported = Extract imported

## What is due, on the home page.
node-due-title = What is due
node-due-nothing = Nothing is due: every measure has its month, and nothing waits to be released.
node-due-measure = Enter { $month } for “{ $title }”
node-due-extract = Import the extract that covers { $month }, so the computed measures include it
node-due-study = { $count ->
    [one] One PDSA cycle is ready to be studied
   *[other] { $count } PDSA cycles are ready to be studied
}
node-due-approve = { $count ->
    [one] One release waits for a clinic lead’s approval
   *[other] { $count } releases wait for a clinic lead’s approval
}
node-offline = This node has not reached the network’s hub since { $date }. The work is kept here and is sent when the hub can be reached again.
node-offline-never = This node has not reached the network’s hub yet. The work is kept here and is sent at the first sync.
node-refused-title = Items the hub refused
node-due-release = { $count ->
    [one] One record has changes not yet released: prepare a release for review
   *[other] { $count } records have changes not yet released: prepare a release for review
}

## The first run.
node-setup-title = Set up this node
node-setup-intro = You are the first person on this clinic’s node: you become its clinic lead, who approves what leaves and adds the rest of the team. Enrol the node with your network’s hub with the code your network administrator sent you.
node-setup-key = This page opens only from the set-up address that tandem-node serve printed on the clinic’s server. Open that address, or ask the person who installed the node.
node-setup-name = Your name
node-setup-name-hint = As the team knows you; you log in with it.
node-setup-hub = The network hub’s address
node-setup-hub-hint = From your network administrator, for example https://hub.example.org:8443
node-setup-code = Enrolment code
node-setup-code-hint = The one-time code from your network administrator. Paste it whole.
node-setup-submit = Enrol and create my account
node-setup-name-missing = Write your name: you will log in with it.
node-setup-enrol-missing = Give the hub’s address and the enrolment code: both come from your network administrator.
node-setup-done = The node is set up. Check the facts below, then choose your password.
node-setup-network = Network
node-setup-clinic = This clinic, as the network knows it
node-setup-ca = Fingerprint of the network’s certificate authority (SHA-256)
node-setup-password = Choose my password

## Releases: review, approval and the outbound log.
node-nav-releases = Releases
node-releases-title = Releases
node-releases-lede = Nothing leaves this node until a person has read exactly what would leave and a clinic lead has approved those bytes. Prepare a release, review each text, then a lead approves it.
node-release-prepare = Prepare a release of everything not yet released
node-release-nothing = Every record is released already: there is nothing to prepare.
node-releases-waiting = Prepared, waiting for review
node-release-prepared = Prepared { $date }, { $items } records
node-release-approved = Release approved: it is number { $sequence } in the outbound log and leaves at the next sync.
node-release-withdrawn = Release { $sequence } was withdrawn; its records are unreleased again.
node-outbox-title = Outbound log
node-outbox-lede = Everything ever approved on this node: who approved it and when, whether it reached the hub, and the SHA-256 of the exact bytes.
node-outbox-empty = Nothing has been approved yet.
node-outbox-number = Number
node-outbox-approved = Approved
node-outbox-state = State
node-outbox-hash = SHA-256 of what left
node-outbox-actions = Actions
node-outbox-waiting = Waiting for the next sync
node-outbox-delivered = Delivered to the hub
node-outbox-refused = Refused by the hub
node-withdraw = Withdraw
node-withdraw-confirm = Yes, take it back
node-withdraw-confirm-missing = Tick “Yes, take it back” to withdraw the release.
node-releases-back = All releases
node-release-title = Release { $id }
node-release-status-open = Prepared for review: not approved yet.
node-release-status-approved = Approved: it is in the outbound log.
node-release-status-withdrawn = Withdrawn before it reached the hub.
node-release-problems = This release cannot be approved as it stands:
node-release-review-lede = For each text: on the left, what the team wrote, with each identifying word found marked and named; on the right, what would leave. Add a redaction the scrubber missed, or remove one that is not identifying, then the release is built again.
node-review-original = What the team wrote
node-review-leaves = What would leave
node-review-dismissed = Marked as not identifying:
node-review-change = Change the redactions in this text
node-review-remove = “{ $text }” is not identifying: keep it
node-review-quote = Words to redact
node-review-quote-hint = Copy them exactly from the text on the left.
node-review-category = What they are
node-review-add = Redact these words
node-redaction-empty = Write the words to redact, copied exactly from the text.
node-redaction-not-found = “{ $quote }” is not in that text; copy the words exactly, with the same capitals and spaces.
node-redaction-stale = That text has changed since this page was shown; open the release again and choose on the new text.
node-release-payload = What would leave, exactly
node-release-hash = Its SHA-256:
node-release-json = The JSON, byte for byte
node-approve = Approve this release
node-approve-confirm = I have read what would leave, and it identifies no one
node-approve-confirm-missing = Tick the box to say you have read what would leave.
node-approve-lead-only = A clinic lead approves releases.
node-kind-project = Project
node-kind-cycle = PDSA cycle
node-kind-partnership = Partnership profile
node-kind-practice = Practice
node-kind-measure_value = Monthly value
node-category-name = name
node-category-date = date
node-category-age = age
node-category-phone = phone number
node-category-email = e-mail address
node-category-url = web address
node-category-ip = IP address
node-category-id = identifier
node-category-address = street address
node-category-postal = postal code
node-category-location = place
node-text-title = Title
node-text-aim = Aim
node-text-summary = Summary for families
node-text-detail = Detail for clinicians
node-text-change_idea = Change idea
node-text-plan-objective = Plan: objective
node-text-plan-prediction = Plan: prediction
node-text-plan-what = Plan: what
node-text-plan-who = Plan: who
node-text-plan-when = Plan: when
node-text-plan-where = Plan: where
node-text-plan-data = Plan: data to collect
node-text-do-happened = Do: what happened
node-text-do-observations = Do: observations
node-text-study-results = Study: results
node-text-act-next_step = Act: next step

## Sync.
node-nav-sync = Sync
node-sync-title = Sync with the network
node-sync-lede = The node sends approved releases to the network’s hub and fetches the network’s definitions and practices, on its schedule and whenever someone asks. Work is never lost while the hub cannot be reached: it waits here.
node-sync-now = Sync now
node-sync-done = Synced: { $sent } releases sent, { $accepted } items accepted, { $refused } refused.
node-sync-failed = The sync did not complete: { $why }
node-sync-none-refused = The hub has refused nothing.
node-sync-retry = The hub keeps nothing it refuses. To send a refused item again, correct the record the reason names, then prepare a new release:
node-sync-when = When
node-sync-item = Item
node-sync-reason = The hub’s reason
node-sync-release = Release { $sequence }
