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
node-review-quote-hint = Copy them exactly from the text on the left, or select them there with the mouse.
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

## Projects, cycles, partnership, practices, settings
node-nav-projects = Projects
node-nav-practices = Practices
node-nav-partnership = Partnership
node-nav-settings = Settings
node-back = Back
node-save = Save
node-gate = Release
node-gate-draft = Not released yet
node-gate-changed = Changed since it was released
node-gate-released = Released
node-not-found = There is no such { $kind } on this node. It may have been mistyped, or it belongs to another clinic.
node-thing-project = project
node-thing-cycle = cycle
node-thing-partnership = partnership profile
node-thing-practice = practice
node-thing-measure_value = monthly value
node-form-not-month = { $field }: “{ $text }” is not a month. Choose one, or type it as year and month, like 2026-03.
node-projects-title = Projects
node-projects-lede = Each project has an aim, the measures that show whether it is met, and the PDSA cycles that test changes toward it.
node-projects-none = No project yet. Start one with its aim: what will improve, for whom, by how much and by when.
node-projects-caption = The clinic’s improvement projects
node-projects-back = All projects
node-project = Project
node-project-cycles = Cycles
node-project-active = In progress
node-project-new = New project
node-project-edit = Change this project
node-project-since = Since { $start }
node-project-aim = Aim
node-project-aim-hint = What will improve, for whom, by how much and by when. For example: “By June, 75 % of our patients are in remission.”
node-project-form-lede = Names of patients or staff do not belong here: the aim and title leave the clinic once a lead approves them, after the scrubber has checked them.
node-project-title-label = Title
node-project-start = First month
node-project-measures = Measures
node-project-measures-hint = The network’s measures that show whether the aim is met. Their charts appear when a cycle is studied.
node-project-no-measures = No measure is linked to this project.
node-project-team = Team
node-project-team-hint = How many people of each kind are on the team. Numbers only: names never leave the clinic.
node-project-ramps = Cycles
node-ramps-lede = Cycles that build on one another form a ramp: each one starts from what the last one learned.
node-project-no-cycles = No cycle yet. A first cycle tests one change on a small scale.
node-project-partnership = Partnership
node-team-clinicians = Clinicians
node-team-other-staff = Other staff
node-team-patient-partners = Patient partners
node-team-family-partners = Family partners
node-ramp-label = Ramp { $number }
node-ramp-follows = follows cycle { $sequence }
node-ramp-this = This cycle’s ramp
node-cycle-title = Cycle { $sequence }: { $idea }
node-cycle-new = Start a cycle
node-cycle-back = Back to { $project }
node-cycle-months = { $start } to { $end }
node-cycle-since = Since { $start }
node-cycle-status-planning = Planning
node-cycle-status-doing = Testing
node-cycle-status-studying = Studying the results
node-cycle-status-acting = Deciding what to do
node-cycle-status-complete = Complete
node-cycle-from-practice = Comes from the network practice “{ $title }” ({ $clinic }).
node-cycle-from-unknown = Comes from a network practice this node does not have yet: sync to fetch the catalogue.
node-cycle-new-follows = This cycle follows { $cycle }. Its plan starts from that cycle’s: change what this test should learn.
node-cycle-new-practice = This cycle tests the network practice “{ $title }”. The link stays with the cycle, so the network can see where the practice spread.
node-cycle-adopt-objective = Try “{ $title }” as the network describes it, on a small scale, and see whether it works here.
node-cycle-adapt-objective = Try “{ $title }”, changed to suit our clinic, on a small scale, and see whether it works here.
node-cycle-start-label = Month the test starts
node-cycle-end-label = Month it ends
node-cycle-end-hint = Leave empty if you do not know yet.
node-cycle-summary = The whole cycle, step by step
node-steps-label = Steps of this cycle
node-step-plan = Plan
node-step-do = Do
node-step-study = Study
node-step-act = Act
node-step-done = done
node-step-current = now
node-step-empty = Nothing written yet.
node-step-plan-lede = Say what you will change, what you expect to happen, and what you will count to find out.
node-step-do-lede = Run the test. Write down what happened, including what did not go to plan.
node-step-study-lede = Compare what happened with what you predicted; the clinic’s own charts of the project’s measures are below.
node-step-act-lede = Decide what to do with the change, and what the next step is.
node-step-plan-advance = Save the plan and start the test
node-step-do-advance = Save and go on to Study
node-step-study-advance = Save and go on to Act
node-step-act-advance = Save the decision and complete the cycle
node-step-save-only = Save without moving on
node-step-saved = { $step } saved.
node-step-unknown = There is no step “{ $step }”: a cycle has the steps plan, do, study and act.
node-plan-change-idea-label = The change
node-plan-change-idea-hint = The one change this cycle tests, in a sentence.
node-plan-objective-label = What this test should teach us
node-plan-objective-hint = For example: “Find out whether parents fill in the form while they wait.”
node-plan-prediction-label = Prediction
node-plan-prediction-hint = What you expect to happen, written before the test. Study compares the result with it.
node-plan-who-label = Who
node-plan-who-hint = Who runs the test, and with whom.
node-plan-what-label = What
node-plan-what-hint = What exactly will be done.
node-plan-when-label = When
node-plan-when-hint = For how long, on which days.
node-plan-where-label = Where
node-plan-where-hint = Which clinic day, room or team.
node-plan-data-label = Data to collect
node-plan-data-hint = What you will count or ask, so that Study can tell whether the prediction held.
node-do-happened-label = What happened
node-do-happened-hint = Was the test run as planned? What was different?
node-do-observations-label = What we noticed
node-do-observations-hint = Problems, surprises, what families and staff said. No names.
node-study-results-label = The result
node-study-results-hint = What the data showed, compared with the prediction.
node-study-prediction = What we predicted
node-study-result = What happened
node-study-no-prediction = No prediction was written down for this cycle.
node-study-result-hint = Write the result in the form below.
node-study-charts = The clinic’s own charts
node-study-window = From { $from } to { $to }; the cycle started in { $start }. The months before it are the baseline.
node-study-no-charts = No month of the project’s measures has been entered for these months yet.
node-act-decision = Decision
node-act-adopt = Adopt
node-act-adopt-hint = Keep the change as it is and make it the way we work.
node-act-adapt = Adapt
node-act-adapt-hint = Keep the change with modifications, and test it again.
node-act-abandon = Abandon
node-act-abandon-hint = Stop the change: it did not help, or it cost too much.
node-act-continue = Continue
node-act-continue-hint = Test again, perhaps at a larger scale or in other conditions.
node-act-next-step-label = Next step
node-act-next-step-hint = What the team will do next. The next cycle starts from it.
node-act-no-decision = Choose a decision (adopt, adapt, abandon or continue) to complete the cycle, or save without moving on.
node-act-bad-decision = That decision is not one of adopt, adapt, abandon or continue.
node-next-title = What comes next
node-next-decided = The team decided: { $decision }.
node-next-cycle = Start the next cycle
node-next-practice = Write it up as a practice to share
node-prompts-title = Worth a look
node-prompt-fix = Go there
node-prompt-prediction = No prediction yet. Writing down what you expect before the test is what lets Study teach you something.
node-prompt-data = No data planned. Say what you will count, so that Study can compare it with the prediction.
node-prompt-link = This cycle is not linked to an earlier one. Cycles that build on each other learn faster: say which cycle it follows.
node-prompt-study = The result is not written down yet. Record what the data showed before deciding.
node-link-title = Link to an earlier cycle
node-link-label = This cycle follows
node-link-save = Link the cycles
node-link-other-project = A cycle can only follow a cycle of the same project.
node-pulse-title = Partnership pulse
node-pulse-lede = How patient and family partners took part. It takes about a minute: where, how deeply in each phase, and what made the partnership fair.
node-pulse-none = Not recorded yet.
node-pulse-record = Record the partnership pulse
node-pulse-saved = Partnership pulse saved.
node-pulse-place = Place
node-pulse-place-question = Where did the partnership take place?
node-pulse-phase = Phase
node-pulse-phase-question = How deeply did partners take part in each phase?
node-pulse-depth-hint = Consulted: asked for their views. Involved: took part in the work. Partner: shared decisions.
node-pulse-parity = Parity
node-pulse-no-place = Choose where the partnership took place.
node-pulse-bad-depth = Choose one of not at all, consulted, involved or partner for each phase.
node-place-direct_care = Direct care
node-place-clinic = The clinic
node-place-organisation = The organisation
node-place-system = The health system
node-phase-design = Design
node-phase-plan = Plan
node-phase-implement = Carry out
node-phase-evaluate = Evaluate
node-depth-none = Not at all
node-depth-consulted = Consulted
node-depth-involved = Involved
node-depth-partner = Partner
node-parity-people = { $patients } patient or family partners, { $professionals } professionals
node-parity-patients = Patient and family partners on the team
node-parity-professionals = Professionals on the team
node-parity-compensation = Partners were paid or compensated for their time
node-parity-preparation = Partners were offered preparation and training
node-parity-support_contact = Partners had a named person to turn to
node-parity-shared_leadership = Leadership was shared with partners
node-parity-power_balance = The team acted on power imbalances (for example, partners spoke first)
node-parity-vulnerability = Partners’ health, privacy and dependence on care were protected
node-voice-title = Your view, as a partner
node-voice-about = Patient partners answer three questions themselves. No one sees a single answer: the team sees only how many chose each point, and only once at least 5 partners have answered.
node-voice-private = Only counts are ever shown, and only once at least 5 partners have answered. No one, not even the clinic lead, can see your own answers.
node-voice-source = The questions are adapted from the PPEET and PEET engagement tools. They are not a validated instrument.
node-voice-had-needed = I had what I needed to take part.
node-voice-heard = I was heard.
node-voice-influence = I can see my influence on this work.
node-voice-scale-1 = Strongly disagree
node-voice-scale-2 = Disagree
node-voice-scale-3 = Neither
node-voice-scale-4 = Agree
node-voice-scale-5 = Strongly agree
node-voice-send = Send my answers
node-voice-answer = Answer the three questions
node-voice-change = Change my answers
node-voice-again = You have answered already. Sending the form again replaces your earlier answers.
node-voice-saved = Thank you: your answers are saved.
node-voice-missing = Choose an answer for each of the three questions.
node-voice-question = Question
node-voice-caption = How { $count } partners answered
node-voice-few = { $count ->
    [0] No partner has answered yet.
    [one] One partner has answered.
   *[other] { $count } partners have answered.
} Counts are shown from { $fewest } answers.
node-yearly-title = Partnership self-assessment
node-yearly-lede = Once a year, the team and its partners look at the whole grid together: at each place, how deeply partners took part in each phase. The last column shows what the year’s partnership pulses recorded, to compare.
node-yearly-year = Year
node-yearly-show = Show
node-yearly-updated = Last saved by { $by } on { $date }.
node-yearly-pulses = { $count ->
    [0] No cycle of { $year } has a partnership pulse yet.
    [one] One cycle of { $year } has a partnership pulse.
   *[other] { $count } cycles of { $year } have a partnership pulse.
}
node-yearly-recorded = Pulses recorded
node-yearly-note = What the team agreed
node-yearly-note-hint = What to keep, what to change next year. No names: this stays on this server.
node-yearly-note-long = The note is too long: keep it under 2,000 characters.
node-yearly-bad-year = Choose a year between 2000 and this year.
node-yearly-saved = Self-assessment saved.
node-practices-title = Practices
node-practices-lede = Changes that worked, written up to share with the network, and perhaps with families.
node-practices-own = This clinic’s practices
node-practices-none = No practice written up yet. When a cycle’s change is adopted, write it up from the cycle.
node-practices-back = All practices
node-practice = Practice
node-practice-new = Write up a practice
node-practice-tags = Tags
node-practice-public = In the public catalogue
node-practice-public-yes = Yes
node-practice-public-no = No
node-practice-form-lede = Two texts: a summary families can read, and the detail other clinics need. Both pass the scrubber and a lead’s approval before they leave.
node-practice-language = Written in
node-practice-title-label = Title
node-practice-summary = For families
node-practice-summary-hint = In plain words: what changes for a family, and why it helps. Short sentences and everyday words.
node-practice-detail = For clinicians
node-practice-detail-hint = How to do it, what it takes, what to watch for.
node-practice-conditions = Conditions
node-practice-topics = Topics
node-practice-no-vocabulary = The network has not published its tags yet: sync to fetch them.
node-practice-cycles = Cycles that tested it
node-practice-no-cycles = No cycle recorded yet.
node-practice-sharing = Sharing
node-practice-co-designed = Patient partners designed it with us
node-practice-co-designed-short = Co-designed with patients
node-practice-public-label = Families may read it in the public catalogue
node-practice-public-hint = Only the title and the family summary are shown to the public.
node-practice-show-clinic = Show our clinic’s name with it
node-practice-gate = Saving keeps it here. It leaves only in a release a clinic lead approves.
node-practice-saved = Practice saved.
node-practice-bad-cycle = “{ $text }” is not a cycle of this clinic.
node-readability-title = How easy to read
node-readability = { $formula }: { $score } ({ $band }), { $words } words in { $sentences } sentences.
node-readability-flesch = Flesch reading ease
node-readability-kandel-moles = Kandel–Moles reading ease
node-readability-easy = easy
node-readability-plain = plain language
node-readability-fairly-difficult = fairly difficult
node-readability-difficult = difficult
node-readability-very-difficult = very difficult
node-readability-fine = Most families will find this easy to read.
node-readability-advice = Try shorter sentences and shorter, everyday words. Aim for 60 or more.
node-readability-short = The text is short, so the score says little.
node-readability-empty = Write the summary, then check how easy it is to read.
node-readability-guide = A guide, not a rule: the score counts only sentence and word length. Ask a family partner to read it.
node-readability-check = Check how easy it is to read
node-catalogue-title = Network catalogue
node-catalogue-lede = Practices other clinics of the network tested and shared. Adopt one as it is, or adapt it: either way it starts a cycle here.
node-catalogue-link = The network catalogue ({ $count } practices)
node-catalogue-back = Back to the catalogue
node-catalogue-empty = The catalogue is empty. It fills when the node syncs with the hub.
node-catalogue-no-match = No practice matches. Try another word.
node-catalogue-search = Search the catalogue
node-catalogue-search-go = Search
node-catalogue-unnamed = a clinic of the network
node-catalogue-tried-here = { $count ->
    [one] tried here in one cycle
   *[other] tried here in { $count } cycles
}
node-adopt-title = Try it here
node-adopt-project = In which project
node-adopt-how = How
node-adopt-as-is = Adopt it as it is
node-adopt-as-is-hint = Test the practice as the network describes it.
node-adopt-adapt = Adapt it
node-adopt-adapt-hint = Test it changed to suit this clinic.
node-adopt-start = Start a cycle
node-adopt-no-project = A cycle belongs to a project. Start a project first.
node-settings-title = Settings
node-settings-lede = The roster and when the node syncs. People and their roles have their own page:
node-roster-title = Roster
node-roster-lede = Names the scrubber always redacts from what leaves: staff, patient partners, families often named in notes.
node-roster-count = { $count ->
    [0] The roster is empty.
    [one] The roster has one name.
   *[other] The roster has { $count } names.
}
node-roster-label = One name per line
node-roster-hint = Lines that start with # are comments. The names stay on this server and are never sent.
node-roster-save = Save the roster
node-roster-saved = Roster saved: { $count } names.
node-schedule-title = Sync schedule
node-schedule-rule = Rule (cron)
node-schedule-next = Next syncs
node-schedule-listen = Pages served at
node-next-followed = The next cycle of this ramp is
node-next-another = Start another cycle from this one
node-voice-results = What partners said
node-schedule-hint = Five fields: minute, hour, day of the month, month, day of the week. "*/15 * * * *" syncs every quarter hour; "0 7-19 * * 1-5" every hour from 7 to 19 on weekdays. Leave it empty to go back to the one in { $file }. The node adds a random delay of its own, so that clinics do not all call the hub at once.
node-schedule-file = The configuration file says { $schedule }; the one above is in force.
node-schedule-save = Save the schedule
node-schedule-saved = Sync schedule saved: it applies from now on.

## Co-design credits of a practice
node-credits = Who made it, by role
node-credits-hint = How many people of each role took part. Numbers only, never names. Leave a role empty if no one of that role took part.
node-credit-parent = Parents
node-credit-carer = Other carers
node-credit-child = Children
node-credit-teenager = Teenagers
node-credit-young-adult = Young adults
node-credit-patient = Adult patients
node-credit-clinician = Clinicians
node-credit-staff = Other clinic staff
node-stages = They took part in:
node-stage-design = designing it
node-stage-testing = testing it
node-stage-review = reviewing it
node-credit-consent = Everyone counted agreed to be credited by role in the public catalogue
node-credit-consent-hint = Without this, the counts stay in the clinic: they are not sent to the network.
node-practice-bad-credit = “{ $text }” is not a number of { $role }: give a whole number from 1 to 99, or leave it empty.

## What is wrong with a text, shown on its form.
node-rule-empty = { $field } must not be empty.
node-rule-too-long = { $field } is { $length } characters long; shorten it to at most { $max }.
node-rule-control = { $field } contains a control character at character { $position }; remove it (only line breaks and tabs may be used).
node-rule-hidden = { $field } contains an invisible character at character { $position }; remove it: it can make a text read otherwise than it is written.
node-rule-markup = { $field } contains HTML markup at character { $position } ({ $tag }…); write plain text: pages show a text as it is written.

node-clock = Clock
node-clock-right = Right (within two minutes of the hub’s)
node-clock-unknown = Checked at the next sync
node-clock-behind = This server’s clock is { $amount } behind the hub’s. Set it right: turn on automatic time (timedatectl set-ntp true). Certificates and the sync schedule depend on it.
node-clock-ahead = This server’s clock is { $amount } ahead of the hub’s. Set it right: turn on automatic time (timedatectl set-ntp true). Certificates and the sync schedule depend on it.
node-amount-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
node-amount-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
node-amount-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
node-amount-seconds = { $n ->
    [one] 1 second
   *[other] { $n } seconds
}
