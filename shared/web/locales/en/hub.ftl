## The hub: its name, roles and navigation.
hub-product = Tandem hub
hub-login-label = E-mail address
hub-role-admin = Network administrator
hub-role-lead = Network lead
hub-role-member = Clinic member
hub-role-editor = Catalogue editor
hub-clinic-pseudonym = Clinic { $number }
nav-network = Network
nav-completeness = Completeness
nav-clinics = Clinics
nav-definitions = Definitions

## Charts.
chart-goal = goal { $value }
chart-centre-line = centre line
chart-network = network centre line
chart-limits = 3σ limits
chart-outside = outside the limits
chart-median = median
chart-astronomical = unusually far from the median
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
measure-download-funnel = Download the funnel's clinics (CSV)
measure-download-clinics = Download every clinic's months (CSV)
measure-clinics-heading = Each clinic, on one scale
measure-page = Clinics { $from }–{ $to }
measure-pager = Pages of clinics
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
measure-funnel-table-outside = The { $clinics } clinics of { $month }: those outside the limits (every clinic is in the CSV)
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
overview-reporting = Figures for { $month } were due by { $deadline }: { $reported } of { $expected } clinics reported{ $missing ->
    [0] .
    [one] ; 1 has not yet.
   *[other] ; { $missing } have not yet.
}
overview-completeness-link = Completeness and timeliness

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

## Completeness and timeliness.
completeness-title = Completeness and timeliness
completeness-nothing-due = No month's figures are due yet.
completeness-headline = Figures for { $month } were due by { $deadline }. { $reported } of { $expected } clinics reported ({ $reporting }). { $judged ->
    [0] No clinic enrolled before that deadline, so none is judged for timeliness yet.
   *[other] Of the { $judged } clinics enrolled before the deadline, { $ontime } reported on time ({ $timely }).
}
completeness-rules-summary = How these figures are counted
completeness-rules = A month's figures are due by day { $day } of the next month. A clinic reported a month when the hub received its values, even if all of them were withheld as small counts. A clinic is expected to report from the month it enrolled; the history it loaded from before counts where it reported, and is never judged late. The reporting rate is the clinics that reported divided by the clinics expected (as DHIS2 counts it); the on-time rate is the clinics whose figures arrived by the deadline, divided by those enrolled before that deadline. Months not yet due are not shown.
completeness-network-heading = The network's reporting rate
completeness-network-summary = The network's reporting and on-time rates, month by month
completeness-network-caption = Clinics expected, clinics that reported, and clinics on time, by month (latest first)
completeness-chart-title = Share of expected clinics that reported
completeness-clinics-heading = Clinic by clinic
completeness-clinics-lede = The last 12 months due. Clinics with the lowest reporting rate come first, so that those who may need a call are at the top.
completeness-clinics-caption = Each clinic's rates over the last 12 months, its last release, and each month: reported, suppressed (every value a small count), missing or not expected, and whether it came on time
completeness-col-clinic = Clinic
completeness-col-expected = Clinics expected
completeness-col-reported = Reported
completeness-col-reporting-rate = Reporting rate
completeness-col-judged = Judged for time
completeness-col-on-time = On time
completeness-col-on-time-rate = On-time rate
completeness-col-last-release = Last release
completeness-last-seen = node last called { $when }
completeness-never = never
completeness-reported = reported
completeness-suppressed = suppressed
completeness-missing = missing
completeness-not-expected = not expected
completeness-on-time = on time
completeness-late = late
completeness-download-network = Download the network's rates (CSV)
completeness-download-clinics = Download every clinic and month (CSV)

## Run charts on the leads' pages.
run-chart-description = { $title }: run chart, { $months } months from { $first } to { $last }; median { $median }. { $signal }
run-chart-signal = The runs rules find a shift or trend.
run-chart-no-signal = The runs rules find no shift or trend.

## The clinic filter of the network pages.
filter-clinic = Clinic
filter-whole-network = The whole network
filter-show = Show

## PDSA activity.
nav-activity = PDSA activity
activity-title = PDSA activity
activity-title-clinic = PDSA activity at { $clinic }
activity-none = No PDSA cycle has been shared yet.
activity-lede = From { $from } to { $to }: { $started } cycles started at { $clinics } clinics and { $completed } completed; { $prediction } of the cycles started were planned with a written prediction. At the end of their cycles, teams adopted the change { $adopt } times, adapted it { $adapt } times and abandoned it { $abandon } times.
activity-months-heading = Cycles started each month
activity-chart-title = PDSA cycles started
activity-months-summary = Cycles started and completed, predictions and decisions, month by month
activity-months-caption = PDSA cycles by month (latest first). A cycle counts in the month it started, and its decision in the month it was completed.
activity-col-started = Cycles started
activity-col-clinics = Clinics starting one
activity-col-per-clinic = Per enrolled clinic
activity-col-prediction = With a prediction
activity-col-completed = Completed
activity-col-adopt = Adopted
activity-col-adapt = Adapted
activity-col-abandon = Abandoned
activity-col-per-month = Started per month
activity-download = Download the monthly table (CSV)
activity-clinics-heading = Clinic by clinic, the last 12 months
activity-clinics-caption = Each clinic's cycles over the last 12 months, the most active first

## Partnership.
nav-partnership = Partnership
partnership-title = Patients as partners
partnership-title-clinic = Patients as partners at { $clinic }
partnership-none = No cycle has a partnership profile yet: teams describe how patients and families took part on each project or cycle.
partnership-lede = Of { $cycles } PDSA cycles with a partnership profile (their own, or their project's), { $involved } ({ $share }) had patients or families involved, or leading, in at least one phase. { $without ->
    [0] Every cycle has a profile.
    [one] 1 cycle has no profile and is not counted.
   *[other] { $without } cycles have no profile and are not counted.
}
partnership-matrix-heading = Where and when partners took part
partnership-matrix-lede = Each cell is the share of cycles at that place in which patients or families were involved or were partners in that phase, with the count. Cells with fewer than { $min } cycles are grey: too few to compare.
partnership-matrix-caption = Share of PDSA cycles with partners involved or more, by place (rows) and phase (columns)
partnership-col-place = Place
partnership-col-phase = Phase
partnership-col-cycles = Cycles
partnership-col-involved = Involved or more
partnership-col-share = Share
partnership-col-factor = Parity factor
partnership-col-profiles = Profiles with it
partnership-count = { $involved } of { $cycles }
partnership-cell = { $place }, { $phase }: { $share }, { $count } cycles
partnership-cell-few = { $place }, { $phase }: { $share }, { $count } cycles; too few to compare
partnership-few-short = too few to compare
partnership-legend = Darker cells: a larger share of cycles with partners involved. Every cell prints its share and its count.
partnership-list-summary = The same figures as a list
partnership-list-caption = Cycles, and cycles with partners involved or more, for each place and phase
partnership-download = Download the matrix (CSV)
partnership-place-direct_care = Direct care
partnership-place-clinic = Clinic
partnership-place-organisation = Organisation
partnership-place-system = Health system
partnership-phase-design = Design
partnership-phase-plan = Plan
partnership-phase-implement = Implement
partnership-phase-evaluate = Evaluate
partnership-parity-heading = Parity: partners on equal terms
partnership-parity-lede = What teams did so that partners could take part as equals, across every partnership profile (of projects and of cycles).
partnership-team = On a typical team: { $patients } patient or family partners beside { $professionals } professionals (medians).
partnership-parity-caption = Share of partnership profiles with each Parity factor
partnership-profiles-count = { $yes } of { $profiles } profiles
partnership-factor-compensation = Compensation
partnership-factor-compensation-about = Partners were paid or otherwise compensated for their time.
partnership-factor-preparation = Preparation
partnership-factor-preparation-about = Partners were offered preparation and training.
partnership-factor-support_contact = Support
partnership-factor-support_contact-about = Partners had ongoing support and a named contact.
partnership-factor-shared_leadership = Shared leadership
partnership-factor-shared_leadership-about = Leadership was shared or rotated between partners and professionals.
partnership-factor-power_balance = Power balance
partnership-factor-power_balance-about = Power imbalances were named and acted on.
partnership-factor-vulnerability = Vulnerability recognised
partnership-factor-vulnerability-about = The vulnerability of partners (health, disclosure, dependence on care) was recognised and protected.
partnership-trend-heading = Cycles with partners involved, month by month
partnership-chart-title = Share of cycles started with partners involved

## The spread of practices.
nav-spread = Spread
spread-title = Spread of practices
spread-none = No clinic has shared a practice yet.
spread-lede = { $practices } practices shared across the network; { $clinics } clinics adopted or adapted at least one. For each practice below ({ $shown } shown): the cycles that tested it at other clinics, what those teams decided, and what each adopting clinic's chart did afterwards.
spread-rules-summary = How "what the chart did afterwards" is judged
spread-rules = For each clinic that adopted or adapted a practice, its own chart of the measure its project follows is read from the month it decided: the median of its months before is the baseline, and six or more months in a row on one side of it afterwards is a shift (the run-chart rule). A shift in the direction the measure calls better is "improved"; the other way, "got worse". With fewer than six months before or after, it is too soon to tell. A shift after adoption is a signal worth a conversation, not proof that the practice caused it.
spread-download = Download every test of every practice (CSV)
spread-tree-heading = Who adapted whose version
spread-tree-lede = Each practice as it was first shared, with the versions other clinics adapted from it beneath it.
spread-tree-adapted = adapted version:
spread-shared-by = Shared by { $clinic }
spread-adapted-from = adapted from
spread-versions = Versions adapted from it:
spread-tested = Tested in { $cycles } cycles at { $clinics } other clinics: { $adopt } adopted it, { $adapt } adapted it, { $abandon } abandoned it, { $testing } still testing.
spread-outcome = After adopting or adapting it, { $better } of { $adopted } clinics' charts improved, { $worse } got worse, { $none } show no shift yet, and { $few } have too few months to tell.
spread-chart-title = Clinics that had adopted or adapted "{ $practice }"
spread-chart-description = { $title }, month by month from { $first } to { $last }: { $clinics } by the end.
spread-tests-summary = The cycles that tested it, clinic by clinic
spread-tests-caption = Each cycle at another clinic whose change idea came from this practice
spread-col-started = Cycle started
spread-col-decision = Decision
spread-col-version = Its own version
spread-col-measure = Judged on
spread-col-after = The chart afterwards
spread-decided = { $decision }, { $month }
spread-still-testing = still testing
spread-after-better = improved
spread-after-worse = got worse
spread-after-none = no shift yet
spread-after-too-few = too soon to tell

## Annotations under a measure's chart.
measure-annotation-cycles = PDSA cycles completed
measure-annotation-adopted = Network practices adopted or adapted
measure-annotation-description = Under the chart, month by month: { $cycles } PDSA cycles completed in projects that follow this measure, { $adopted } of which adopted or adapted a network practice. The data table gives each month's counts.
activity-clinics-download = Download the clinics' table (CSV)
partnership-parity-download = Download the scorecard (CSV)
partnership-months-summary = Month by month: cycles started, and how many with partners involved
partnership-months-caption = Cycles started each month with partners involved or more
partnership-months-download = Download the months (CSV)
partnership-col-started = Cycles started
clinic-download = Download this clinic's months (CSV)

# The catalogue's editors: what is wrong with a family text.
catalogue-problem-title-empty = Give the practice a title.
catalogue-problem-title-long = The title has { $chars } characters: shorten it to { $max } or fewer.
catalogue-problem-summary-empty = Write a summary of one sentence.
catalogue-problem-summary-long = The summary has { $chars } characters: keep it to one sentence of { $max } or fewer.
catalogue-problem-summary-sentences = The summary has more than one sentence: keep one, and move the rest to another section.
catalogue-problem-problem-empty = Say what the problem is, in families' words.
catalogue-problem-section-long = This section has { $chars } characters: keep it to { $max } or fewer.
catalogue-problem-steps-empty = Give at least one thing families can do.
catalogue-problem-steps-many = There are { $steps } steps: keep { $max } or fewer.
catalogue-problem-step-long = Step { $step } has { $chars } characters: keep each step to { $max } or fewer.

## The public catalogue, for patients and families: short words, short sentences.
catalogue-product = Tandem: ideas that help
catalogue-title = Ideas that help care
catalogue-lede = Clinics and families in our network tried these ideas to make care better. Find one, read how it works, and see what changed.
catalogue-simulated = This is a demo. The clinics, ideas and numbers here are made up. None of it is about real people.
catalogue-footer = These pages are free to read and to print. You do not need an account.
catalogue-search-label = Search
catalogue-search-hint = Type a few words, such as "school" or "sleep".
catalogue-search-button = Search
catalogue-clear = Show all ideas
catalogue-filters = Show only
catalogue-filter-any = Any
catalogue-filter-condition = Health problem
catalogue-filter-topic = Topic
catalogue-filter-place = Where families helped
catalogue-filter-evidence = How far it has been tested
catalogue-filter-co-designed = Made with families
catalogue-empty = There are no ideas here yet.
catalogue-found-none = No idea matches. Try fewer words, or show all ideas.
catalogue-found = { $count ->
    [one] 1 idea
   *[other] { $count } ideas
}
catalogue-pages = Pages
catalogue-previous = Back a page
catalogue-next = Next page
catalogue-not-translated = This idea has not been put into English yet. You can read it in the language it was written in.
catalogue-card-co-designed = Made with families
catalogue-place-direct_care = In their own care
catalogue-place-clinic = At the clinic
catalogue-place-organisation = In the hospital
catalogue-place-system = In the health system
catalogue-phase-design = planning the idea
catalogue-phase-plan = getting it ready
catalogue-phase-implement = trying it out
catalogue-phase-evaluate = checking how it went
catalogue-rung-idea = An idea
catalogue-rung-one-clinic = Tried at one clinic
catalogue-rung-several-clinics = Tried at 3 clinics or more
catalogue-rung-improved = Results got better at a clinic
catalogue-rung-published = Results got better at 3 clinics or more
catalogue-rung-line = Step { $step } of 5: { $rung }
catalogue-back = Back to all ideas
catalogue-about = About:
catalogue-evidence-heading = How sure are we?
catalogue-ladder-here = (this idea is here)
catalogue-ladder-not-yet = (not yet)
catalogue-evidence-facts = { $tested ->
    [0] No clinic has finished a test of it yet.
    [one] 1 clinic has finished a test of it.
   *[other] { $tested } clinics have finished a test of it.
} { $improved ->
    [0] {""}
    [one] At 1 clinic, results got better after it started.
   *[other] At { $improved } clinics, results got better after it started.
}
catalogue-section-problem = The problem, in families' words
catalogue-section-steps = What you and your family can do
catalogue-section-team = What your care team does
catalogue-section-think = Things to think about
catalogue-changed-heading = What changed
catalogue-changed-clinics = At { $clinics } clinics that started doing this, we looked at 6 months before and 6 months after.
catalogue-changed-measure = What we counted
catalogue-changed-before = Before
catalogue-changed-after = After
catalogue-changed-share = { $n } out of { $d } (about { $per100 } in every 100)
catalogue-changed-note = These are real counts from the clinics, added up. Other things may have changed too.
catalogue-changed-none = There is not enough data to show yet.
catalogue-made-with-heading = Made with
catalogue-made-with-partners = Patients and families helped to make this idea.
catalogue-made-with-places = Where they helped
catalogue-made-with-phases = When they helped
catalogue-shared-by = Shared by { $clinic }
catalogue-updated = Last changed on { $date }
catalogue-advice = This page is not medical advice. Talk to your care team before you change anything in your care.

## The catalogue editors' pages.
nav-editor = Catalogue
editor-title = Catalogue texts
editor-lede = { $practices ->
    [one] 1 practice is marked public by its clinic;
   *[other] { $practices } practices are marked public by their clinics;
} { $published ->
    [one] 1 has a published text for families.
   *[other] { $published } have a published text for families.
}
editor-see-catalogue = See the public catalogue
editor-none = No clinic has marked a practice public yet.
editor-table-caption = Practices marked public, and their text for families in each language
editor-col-practice = Practice, as the clinic shared it
editor-col-clinic = Clinic
editor-lang-en = English
editor-lang-fr = French
editor-edit = edit
editor-state-none = No text yet
editor-state-published = Published (version { $version })
editor-state-draft = Draft (version { $version }), not published
editor-back = Back to the catalogue texts
editor-text-title = Text for families
editor-see-public = see it in the catalogue
editor-shared-heading = What the clinic shared
editor-shared-by = Shared by { $clinic }. Rewrite it for families; do not copy the clinicians' detail.
editor-original-detail = Detail for clinicians
editor-other-language = The text in the other language
editor-text-heading = The text families read
editor-field-title = Title
editor-field-summary = Summary
editor-field-problem = The problem, in families' words
editor-field-steps = What you and your family can do
editor-field-care-team = What your care team does
editor-field-think-about = Things to think about
editor-help-title = At most 60 characters.
editor-help-summary = One sentence, at most 250 characters.
editor-help-problem = How families describe the problem. No names, ages or dates.
editor-help-steps = One step a line, at most 12 steps. Start each with a verb.
editor-help-care-team = What the team does, in plain words.
editor-help-think-about = Optional: what to weigh up or ask about.
editor-hint-heading = Readability
editor-hint-target = A hint, not a rule: aim for a reading age of 9 to 11, that is a reading ease of { $ease } or more and, in English, a grade of { $grade } or less.
editor-hint-whole = The whole text
editor-hint-en = Flesch reading ease { $ease }, Flesch–Kincaid grade { $grade }
editor-hint-fr = Kandel–Moles reading ease { $ease }
editor-hint-line = { $part }: { $words }
editor-hint-plain = easy to read
editor-hint-hard = harder than the target
editor-checklist = Checklist before publishing (from PEMAT)
editor-checklist-help = Tick each that holds. Publishing needs all of them; a draft does not.
editor-check-words = It uses everyday words, and explains any medical word.
editor-check-you = It speaks to families as "you".
editor-check-sections = Each section has one main message.
editor-check-numbers = Numbers are whole and easy to follow.
editor-check-action = It says clearly what families can do.
editor-check-steps = Each step is one small action.
editor-check-advice = Nothing in it is medical advice for one person, and it names no one.
editor-save-draft = Save as a draft
editor-publish = Publish
editor-unpublish = Unpublish
editor-notice-saved = Saved as version { $version }, not published.
editor-notice-published = Published as version { $version }. It shows in the catalogue within a minute.
editor-notice-unpublished = Unpublished (version { $version }). It leaves the catalogue within a minute.
editor-error-problems = Nothing was saved: fix the problems marked beside the fields.
editor-error-checklist = Not published: tick every item of the checklist first, or save a draft.
editor-error-not-published = There is no published text in this language to unpublish.
editor-history = Every version
editor-history-none = No version yet.
editor-history-published = Published
editor-history-draft = Draft
editor-col-version = Version
editor-col-state = State
editor-col-by = By
editor-col-at = When

## Families' reactions in the catalogue.
catalogue-reactions-heading = Did you try this?
catalogue-reactions-help = Tell us with one click. We only count the clicks. We do not keep who you are.
catalogue-reaction-tried = We tried this ({ $count })
catalogue-reaction-helped = This helped us ({ $count })
catalogue-noted-thanks = Thank you. We counted your answer.
catalogue-noted-already = Thank you. We counted your answer from here already today.
catalogue-noted-later = We got many answers from here. Please try again in an hour.

## Families' stories, on the public catalogue
catalogue-stories-heading = Stories from families
catalogue-stories-none = No family has shared a story about this yet.
catalogue-story-when = Shared in { $date }
catalogue-story-in-en = in English
catalogue-story-in-fr = in French
catalogue-story-heading = Tell your story
catalogue-story-rules-heading = Before you write
catalogue-story-rule-own = Tell us what happened to you or your family.
catalogue-story-rule-names = Do not write names, ages, dates or places. Write "my son", not his name.
catalogue-story-rule-advice = Do not tell others what to take. Talk to your care team about your care.
catalogue-story-rule-read = A person from the network reads each story first. They may make it short or take things out. Some stories are not shown.
catalogue-story-rule-back = You can take your story back at any time with a link we give you.
catalogue-story-label = Your story
catalogue-story-help = You can write up to { $max } letters. We do not ask who you are.
catalogue-story-own = This happened to me or my family.
catalogue-story-agree = A person from the network may read my story, change it, and show it here.
catalogue-story-send = Send my story
catalogue-story-problems = We could not take your story yet. Please fix this:
catalogue-story-problem-short = Your story is too short. Please write at least { $min } letters.
catalogue-story-problem-long = Your story is too long. Please keep it to { $max } letters.
catalogue-story-problem-own = Please tick the box to say this happened to you or your family.
catalogue-story-problem-agree = Please tick the box to say a person may read your story and change it.
catalogue-story-problem-again = You sent a story about this today. Please wait a day to send one more.
catalogue-story-back = Back to the practice
catalogue-story-about = About:
catalogue-story-sent-heading = Thank you for your story
catalogue-story-sent-read = A person from the network will read it. No one else sees it until then.
catalogue-story-sent-keep = Keep the link below. It is the only way to see your story or take it back. We do not keep who you are, so we cannot send it to you again.
catalogue-story-link-label = Your link
catalogue-story-yours = Your story
catalogue-story-practice-gone = a practice that is not in the list now
catalogue-story-withdrawn-now = Your story is gone. We took out all its words.
catalogue-story-state-waiting = Your story is waiting. A person from the network will read it soon.
catalogue-story-state-published = Your story is shown on the practice page.
catalogue-story-state-declined = Your story is not shown.
catalogue-story-state-expired = No one could read your story in time, so we took out its words.
catalogue-story-state-withdrawn = You took your story back. Its words are gone.
catalogue-story-reason = Why: { $reason }
catalogue-story-original-deleted = We took out the words you sent, as we do after a month.
catalogue-story-published-words = What families read
catalogue-story-your-words = What you sent
catalogue-story-withdraw-help = You can take your story back. We will take out all its words at once.
catalogue-story-withdraw = Take my story back

## The moderators' pages for families' stories
editor-stories = { $waiting ->
    [0] Families' stories: none waiting
    [one] Families' stories: 1 waiting to be read
   *[other] Families' stories: { $waiting } waiting to be read
}
moderation-title = Families' stories
moderation-lede = { $waiting ->
    [one] 1 story is waiting to be read
   *[other] { $waiting } stories are waiting to be read
}, of { $all } in all. No story is shown until you publish it.
moderation-kept = The teller's own words are kept for 30 days after a decision, then deleted. A story no one reads in 60 days is declined and its words deleted.
moderation-none = No family has sent a story yet.
moderation-caption = Stories, those waiting first
moderation-col-sent = Sent
moderation-col-practice = Practice
moderation-col-lang = Language
moderation-col-state = State
moderation-state-waiting = Waiting
moderation-state-published = Published
moderation-state-declined = Declined
moderation-state-expired = Declined: not read in time
moderation-state-withdrawn = Withdrawn by the teller
moderation-story-title = A family's story
moderation-back = Back to families' stories
moderation-sent = Sent on { $date }, { $lang }
moderation-rules-heading = The rules
moderation-rule-identify = Take out names, ages, dates, and anything else that could identify someone in a small service: a rare condition, a job, a school, a town.
moderation-rule-advice = Take out medical advice: doses, medicines to start or stop, and claims that something cures.
moderation-rule-own = Publish only first-hand stories: what happened to the teller or their family.
moderation-rule-voice = Keep the teller's voice: shorten and take out, but do not add words they did not say.
moderation-rule-decline = When you decline, give a kind reason: the teller reads it.
moderation-original-heading = What the family sent
moderation-found = { $count ->
    [0] The scrubber found nothing that identifies someone. Read it all the same.
    [one] The scrubber marked 1 thing that may identify someone.
   *[other] The scrubber marked { $count } things that may identify someone.
}
moderation-original-deleted = The teller's words were deleted, as they are 30 days after a decision.
moderation-publish-heading = Publish
moderation-text-label = The words families will read
moderation-text-help = Edit the teller's words by the rules. The scrubber reads them again when you publish.
moderation-checked = I checked each word the scrubber marks in this text: none identifies anyone.
moderation-publish = Publish this story
moderation-decline-heading = Decline
moderation-reason-label = Why it is not published
moderation-reason-help = The teller reads this on their page.
moderation-decline = Decline this story
moderation-notice-published = The story is published on the practice's page.
moderation-notice-declined = The story is declined; the teller can read why.
moderation-error-withdrawn = The teller withdrew this story: there is nothing to publish.
moderation-error-findings = { $count ->
    [one] The scrubber still marks 1 thing in the text to publish (below). Reword it, or tick the box if you checked it.
   *[other] The scrubber still marks { $count } things in the text to publish (below). Reword them, or tick the box if you checked them.
}
moderation-error-reason = Give a reason for declining, of at most { $max } characters.

## Who made a practice, by role
catalogue-made-with-who = Who made it
catalogue-made-with-stages = { $roles }; they took part in { $stages }
catalogue-and = and
catalogue-stage-design = design
catalogue-stage-testing = testing
catalogue-stage-review = review
catalogue-credit-parent = { $count ->
    [one] 1 parent
   *[other] { $count } parents
}
catalogue-credit-carer = { $count ->
    [one] 1 other carer
   *[other] { $count } other carers
}
catalogue-credit-child = { $count ->
    [one] 1 child
   *[other] { $count } children
}
catalogue-credit-teenager = { $count ->
    [one] 1 teenager
   *[other] { $count } teenagers
}
catalogue-credit-young-adult = { $count ->
    [one] 1 young adult
   *[other] { $count } young adults
}
catalogue-credit-patient = { $count ->
    [one] 1 adult patient
   *[other] { $count } adult patients
}
catalogue-credit-clinician = { $count ->
    [one] 1 clinician
   *[other] { $count } clinicians
}
catalogue-credit-staff = { $count ->
    [one] 1 other clinic worker
   *[other] { $count } other clinic workers
}
