## Le hub : son nom, ses rôles et sa navigation.
hub-product = Tandem hub
hub-login-label = Adresse électronique
hub-role-admin = Administrateur du réseau
hub-role-lead = Responsable du réseau
hub-role-member = Membre d’une clinique
hub-role-editor = Éditeur du catalogue
hub-clinic-pseudonym = Clinique { $number }
nav-network = Réseau
nav-completeness = Complétude
nav-clinics = Cliniques
nav-definitions = Définitions

## Graphiques.
chart-goal = objectif { $value }
chart-centre-line = ligne centrale
chart-network = ligne centrale du réseau
chart-limits = limites à 3σ
chart-outside = hors des limites
chart-median = médiane
chart-astronomical = inhabituellement loin de la médiane
chart-run = déplacement ou tendance
chart-run-point = dans un déplacement ou une tendance

## La page du réseau.
network-simulated-banner = Données simulées. Chaque clinique, chaque nombre et chaque pratique de cette page a été généré pour une démonstration ; rien ne décrit de vrais patients.
network-simulated-suffix = (données simulées)
network-simulated-small = (simulé)
network-coverage = { $enrolled ->
    [one] { $enrolled } clinique inscrite
   *[other] { $enrolled } cliniques inscrites
}, { $reporting ->
    [one] { $reporting } qui transmet
   *[other] { $reporting } qui transmettent
} · { $months } mois, de { $first } à { $last }
network-coverage-empty = { $enrolled ->
    [one] { $enrolled } clinique inscrite
   *[other] { $enrolled } cliniques inscrites
} · aucune donnée transmise pour l’instant
network-no-measures = Le réseau n’a encore défini aucun indicateur.
network-table-caption = { $title }. Les cliniques masquées ont retenu un petit nombre et ne sont pas dans les totaux.
network-table-caption-simulated = { $title }, données simulées. Les cliniques masquées ont retenu un petit nombre et ne sont pas dans les totaux.
network-col-contributing = Cliniques contributrices
network-col-suppressed = Cliniques masquées
network-chart-description = { $title } dans l’ensemble du réseau, mois par mois, { $months } mois de { $first } à { $last }. { $summary }.

## Administration : cliniques.
admin-clinics-title = Cliniques
admin-clinics-caption = Toutes les cliniques du réseau, et l’état de leur nœud
admin-no-clinics = Aucune clinique n’a encore été ajoutée. Ajoutez la première ci-dessous.
admin-clinic = Clinique
admin-state = État
admin-last-sync = Dernier contact du nœud
admin-last-release = Dernière transmission
admin-certificate = Fin du certificat
admin-definitions-version = Définitions reçues
admin-actions = Actions
admin-active = Active
admin-not-enrolled = En attente de l’inscription de son nœud
admin-revoked-on = Révoquée le { $date }
admin-never = Jamais
admin-release-number = No { $number }, { $date }
admin-behind = pas encore la dernière
admin-new-code = Émettre un nouveau code d’inscription
admin-revoke = Révoquer
admin-revoke-confirm = Oui, refuser désormais le nœud de { $clinic }
admin-revoke-confirm-needed = Pour révoquer une clinique, cochez la case de confirmation, puis appuyez sur Révoquer. Son nœud sera refusé dès sa prochaine demande, et c’est définitif.
admin-code-once = Code d’inscription de { $clinic }. Il n’est affiché que cette fois-ci, ne fonctionne qu’une fois et expire le { $expires }. Transmettez-le à l’équipe de la clinique par un moyen sûr (en personne ou par téléphone).
admin-code = Code d’inscription
admin-code-command = Sur le serveur de la clinique, lancez
admin-add-clinic = Ajouter une clinique
admin-clinic-id = Identifiant court
admin-clinic-id-hint = Lettres minuscules, chiffres et traits d’union, par exemple nord-enfants. Il ne pourra pas être modifié.
admin-clinic-name = Nom, tel que les responsables le liront
admin-add-clinic-submit = Ajouter la clinique et émettre son code

## Administration : définitions.
admin-definitions-title = Définitions
admin-published = La version { $version } est publiée. Les nœuds la reçoivent à leur prochaine synchronisation.
admin-current = Ce qui est publié actuellement
admin-none-published = Rien n’a encore été publié. Téléversez ci-dessous le fichier de définitions du réseau.
admin-version = Version
admin-min-cell = Plus petit nombre transmis par une clinique
admin-public-min-cell = Plus petit nombre dans un chiffre public
admin-public-min-clinics = Nombre minimal de cliniques dans un chiffre public
admin-public-max-share = Part maximale d’une clinique dans un chiffre public
admin-tags = Étiquettes des pratiques
admin-tag-counts = { $conditions } maladies, { $topics } thèmes
admin-measures = Indicateurs
admin-measure-id = Identifiant
admin-measure-title = Titre
admin-measure-family = Type
admin-upload = Téléverser une nouvelle version
admin-upload-file = Fichier de définitions (TOML)
admin-upload-hint = Le même format que deploy/definitions.toml. Vous verrez ce qu’il change avant toute publication.
admin-upload-submit = Voir ce qu’il change
admin-upload-missing = Choisissez un fichier de définitions à téléverser.
admin-upload-too-large = Ce fichier dépasse 512 Kio ; un fichier de définitions est bien plus petit. Vérifiez que vous avez choisi le bon fichier.
admin-upload-not-text = Ce fichier n’est pas du texte (UTF-8). Choisissez le fichier de définitions TOML.
admin-preview-title = Ce que { $file } change
admin-preview-same = Ce fichier dit exactement la même chose que la version { $version } : il n’y a rien à publier.
admin-change-added = Nouvel indicateur : { $title } ({ $id })
admin-change-removed = Indicateur retiré : { $title } ({ $id }). Les nœuds cesseront de le transmettre.
admin-change-measure = Indicateur modifié : { $title } ({ $id })
admin-change-policy = Règles de diffusion modifiées
admin-change-vocabulary = Étiquettes des pratiques modifiées
admin-change-computation = Le calcul des mesures à partir de l’extraction a changé
admin-field = Champ
admin-field-from = Actuellement
admin-field-to = Après publication
admin-publish-note = La publication en fait la prochaine version du réseau ; chaque nœud la reçoit à sa prochaine synchronisation.
admin-publish = Publier comme version { $version }
admin-publish-stale = Quelqu’un a publié la version { $version } pendant votre relecture. Téléversez de nouveau votre fichier pour voir ce qu’il change maintenant.

## Entrées du journal d’audit du hub.
audit-clinic-added = Clinique ajoutée
audit-enrolment-code-issued = Code d’inscription émis
audit-clinic-revoked = Clinique révoquée
audit-definitions-published = Définitions publiées

# La page d’une mesure : la carte du réseau, l’entonnoir et les petits multiples des cliniques.
measure-back = ← Toutes les mesures
measure-network-heading = Le réseau, mois par mois
measure-download-network = Télécharger les mois du réseau (CSV)
measure-download-funnel = Télécharger les cliniques de l’entonnoir (CSV)
measure-download-clinics = Télécharger les mois de chaque clinique (CSV)
measure-clinics-heading = Chaque clinique, à la même échelle
measure-page = Cliniques { $from } à { $to }
measure-pager = Pages de cliniques
measure-multiples-note = { $count ->
    [one] Une clinique, tracée à la même échelle que le réseau. Un mois marqué × a été masqué : la clinique a retenu un petit effectif ; c’est un trou, pas un zéro.
   *[other] { $count } cliniques, toutes tracées à la même échelle. Un mois marqué × a été masqué : la clinique a retenu un petit effectif ; c’est un trou, pas un zéro.
}
measure-multiple-description = { $title } à { $clinic } : { $reported } mois déclarés sur { $months }, { $suppressed } masqués.
measure-funnel-heading = Les cliniques comparées, dernier mois
measure-funnel-lede = Chaque point est une clinique : sa valeur selon le nombre de patients comptés. Les petites cliniques varient davantage par hasard, d’où des limites plus larges à gauche ; une clinique hors des limites diffère du réseau plus que le hasard ne l’explique.
measure-funnel-widened = Élargir les limites pour les écarts entre cliniques (surdispersion)
measure-funnel-plain = N’afficher que les limites binomiales exactes
measure-funnel-title = Graphique en entonnoir, { $month }
measure-funnel-description = { $title }, { $month } : { $clinics } cliniques comparées à la valeur du réseau de { $target }, limites binomiales exactes ; { $outside ->
    [0] aucune n’est hors des limites à 95 %.
    [one] une est hors des limites à 95 %.
   *[other] { $outside } sont hors des limites à 95 %.
}
measure-funnel-table-outside = Les { $clinics } cliniques de { $month } : celles hors des limites (chaque clinique est dans le CSV)
measure-funnel-table = Les cliniques en { $month }
measure-funnel-proportions-only = Un graphique en entonnoir compare des proportions ; cette mesure n’en est pas une.
measure-funnel-too-few = Moins de deux cliniques ont déclaré un mois, il n’y a donc rien à comparer.
measure-funnel-inside = dans les limites
measure-funnel-outside-95 = hors des limites à 95 %
measure-funnel-outside-998 = hors des limites à 99,8 %
measure-col-clinic = Clinique
measure-col-z = Score z
measure-col-position = Position

# La vue d’ensemble : où en est le réseau pour chaque mesure.
overview-latest = { $value } en { $month }
overview-no-data = Aucun mois publié pour l’instant
overview-no-signal = Dernier mois : aucun signal de cause spéciale.
overview-signal = Dernier mois : { $signal }.
overview-reporting = Les chiffres de { $month } étaient attendus pour le { $deadline } : { $reported } cliniques sur { $expected } les ont transmis{ $missing ->
    [0] .
    [one] ; 1 ne l’a pas encore fait.
   *[other] ; { $missing } ne l’ont pas encore fait.
}
overview-completeness-link = Complétude et ponctualité

# Les phases de la ligne centrale sur la page d’une mesure.
phase-heading = Lignes centrales
phase-lede = Quand les soins changent durablement, la carte du réseau reçoit une nouvelle ligne centrale à partir du mois du changement, pour que les mois suivants soient jugés au nouveau niveau. Le moteur suggère où un déplacement durable a commencé ; une personne responsable du réseau décide, avec une note qui dit pourquoi. Chaque décision est conservée et peut être annulée.
phase-none = Aucune décision pour l’instant : la carte a une seule ligne centrale sur tous les mois.
phase-break = Nouvelle ligne centrale à partir de { $month }
phase-freeze = Référence figée jusqu’à { $month }
phase-by = par { $who } le { $when }
phase-undone = annulée par { $who } le { $when }
phase-undo = Annuler
phase-suggested = Un déplacement durable suggère une nouvelle ligne centrale à partir de { $month }. Pourquoi les soins ont-ils changé alors ?
phase-note-hint = par exemple : le réseau a lancé la ligne poussée dans chaque clinique
phase-accept = Accepter cette ligne centrale
phase-by-hand = Fixer une ligne centrale ou une référence à la main
phase-kind = Ce qui change
phase-kind-break = Une nouvelle ligne centrale à partir d’un mois
phase-kind-freeze = Figer la référence : la première ligne centrale et ses limites à partir des mois jusqu’à un mois, prolongées ensuite
phase-month = Mois
phase-note = Pourquoi (obligatoire)
phase-save = Enregistrer la décision

# La page d’une clinique.
clinic-summary = Sur { $expected } mois-mesures : { $reported } déclarés ({ $share }), { $suppressed } masqués comme petits effectifs, { $missing } manquants.
clinic-chart-description = { $title } dans cette clinique, { $months } mois de { $first } à { $last }. { $summary }
clinic-table-caption = { $title } dans cette clinique. La ligne centrale du réseau vient de la carte du réseau.
clinic-completeness-heading = Les mois déclarés
clinic-completeness-summary = Mois par mois, pour chaque mesure : déclaré, masqué ou manquant
clinic-completeness-caption = Déclaré, masqué (petit effectif retenu) ou manquant, par mois et par mesure
clinic-reported = déclaré
clinic-suppressed = masqué
clinic-missing = manquant
clinic-cycles-heading = Cycles PDSA partagés avec le réseau
clinic-no-cycles = Aucun cycle partagé pour l’instant.
clinic-cycle-since = depuis { $start }
clinic-cycle-from-to = de { $start } à { $end }
clinic-status-planning = planification
clinic-status-doing = réalisation
clinic-status-studying = étude
clinic-status-acting = action
clinic-status-complete = terminé
clinic-decision-adopt = adopté
clinic-decision-adapt = adapté
clinic-decision-abandon = abandonné
clinic-decision-continue = poursuivi
clinic-practices-heading = Pratiques partagées avec le réseau
clinic-no-practices = Aucune pratique partagée pour l’instant.

## Complétude et ponctualité.
completeness-title = Complétude et ponctualité
completeness-nothing-due = Aucun mois n’est encore attendu.
completeness-headline = Les chiffres de { $month } étaient attendus pour le { $deadline }. { $reported } cliniques sur { $expected } les ont transmis ({ $reporting }). { $judged ->
    [0] Aucune clinique n’était inscrite avant cette échéance : aucune n’est encore jugée sur la ponctualité.
   *[other] Des { $judged } cliniques inscrites avant l’échéance, { $ontime } ont transmis à temps ({ $timely }).
}
completeness-rules-summary = Comment ces chiffres sont comptés
completeness-rules = Les chiffres d’un mois sont attendus au plus tard le { $day } du mois suivant. Une clinique a transmis un mois quand le hub du réseau a reçu ses valeurs, même si toutes ont été retenues comme petits effectifs. Une clinique doit transmettre à partir du mois de son inscription ; l’historique chargé d’avant compte là où elle a transmis, et n’est jamais jugé en retard. Le taux de transmission est le nombre de cliniques qui ont transmis divisé par le nombre de cliniques attendues (comme le compte DHIS2) ; le taux de ponctualité est le nombre de cliniques dont les chiffres sont arrivés avant l’échéance, divisé par celles inscrites avant cette échéance. Les mois pas encore attendus ne sont pas montrés.
completeness-network-heading = Le taux de transmission du réseau
completeness-network-summary = Les taux de transmission et de ponctualité du réseau, mois par mois
completeness-network-caption = Cliniques attendues, cliniques qui ont transmis et cliniques à temps, par mois (le plus récent d’abord)
completeness-chart-title = Part des cliniques attendues qui ont transmis
completeness-clinics-heading = Clinique par clinique
completeness-clinics-lede = Les 12 derniers mois attendus. Les cliniques au taux de transmission le plus bas viennent d’abord : celles qu’il faut peut-être appeler sont en haut.
completeness-clinics-caption = Les taux de chaque clinique sur les 12 derniers mois, sa dernière transmission, et chaque mois : transmis, masqué (toutes les valeurs sont de petits effectifs), manquant ou non attendu, et s’il est arrivé à temps
completeness-col-clinic = Clinique
completeness-col-expected = Cliniques attendues
completeness-col-reported = Transmis
completeness-col-reporting-rate = Taux de transmission
completeness-col-judged = Jugées sur la ponctualité
completeness-col-on-time = À temps
completeness-col-on-time-rate = Taux de ponctualité
completeness-col-last-release = Dernière transmission
completeness-last-seen = le nœud a appelé le { $when }
completeness-never = jamais
completeness-reported = transmis
completeness-suppressed = masqué
completeness-missing = manquant
completeness-not-expected = non attendu
completeness-on-time = à temps
completeness-late = en retard
completeness-download-network = Télécharger les taux du réseau (CSV)
completeness-download-clinics = Télécharger chaque clinique et chaque mois (CSV)

## Les graphiques de séquences des pages du réseau.
run-chart-description = { $title } : graphique de séquences, { $months } mois de { $first } à { $last } ; médiane { $median }. { $signal }
run-chart-signal = Les règles des séquences trouvent un déplacement ou une tendance.
run-chart-no-signal = Les règles des séquences ne trouvent ni déplacement ni tendance.

## Le filtre par clinique des pages du réseau.
filter-clinic = Clinique
filter-whole-network = Tout le réseau
filter-show = Afficher

## Activité PDSA.
nav-activity = Activité PDSA
activity-title = Activité PDSA
activity-title-clinic = Activité PDSA à { $clinic }
activity-none = Aucun cycle PDSA n’a encore été partagé.
activity-lede = De { $from } à { $to } : { $started } cycles commencés dans { $clinics } cliniques et { $completed } terminés ; { $prediction } des cycles commencés ont été planifiés avec une prédiction écrite. À la fin de leurs cycles, les équipes ont adopté le changement { $adopt } fois, l’ont adapté { $adapt } fois et l’ont abandonné { $abandon } fois.
activity-months-heading = Cycles commencés chaque mois
activity-chart-title = Cycles PDSA commencés
activity-months-summary = Cycles commencés et terminés, prédictions et décisions, mois par mois
activity-months-caption = Cycles PDSA par mois (le plus récent d’abord). Un cycle compte dans le mois où il a commencé, et sa décision dans le mois où il s’est terminé.
activity-col-started = Cycles commencés
activity-col-clinics = Cliniques qui en commencent un
activity-col-per-clinic = Par clinique inscrite
activity-col-prediction = Avec une prédiction
activity-col-completed = Terminés
activity-col-adopt = Adoptés
activity-col-adapt = Adaptés
activity-col-abandon = Abandonnés
activity-col-per-month = Commencés par mois
activity-download = Télécharger le tableau mensuel (CSV)
activity-clinics-heading = Clinique par clinique, les 12 derniers mois
activity-clinics-caption = Les cycles de chaque clinique sur les 12 derniers mois, la plus active d’abord

## Partenariat.
nav-partnership = Partenariat
partnership-title = Les patients partenaires
partnership-title-clinic = Les patients partenaires à { $clinic }
partnership-none = Aucun cycle n’a encore de profil de partenariat : les équipes décrivent, pour chaque projet ou cycle, comment patients et familles y ont pris part.
partnership-lede = Des { $cycles } cycles PDSA qui ont un profil de partenariat (le leur, ou celui de leur projet), { $involved } ({ $share }) ont eu des patients ou des familles impliqués, ou partenaires, dans au moins une phase. { $without ->
    [0] Chaque cycle a un profil.
    [one] 1 cycle n’a pas de profil et n’est pas compté.
   *[other] { $without } cycles n’ont pas de profil et ne sont pas comptés.
}
partnership-matrix-heading = Où et quand les partenaires ont pris part
partnership-matrix-lede = Chaque case donne la part des cycles à ce niveau où patients ou familles ont été impliqués ou partenaires dans cette phase, avec le nombre. Les cases de moins de { $min } cycles sont grises : trop peu pour comparer.
partnership-matrix-caption = Part des cycles PDSA avec des partenaires impliqués ou plus, par niveau (lignes) et par phase (colonnes)
partnership-col-place = Niveau
partnership-col-phase = Phase
partnership-col-cycles = Cycles
partnership-col-involved = Impliqués ou plus
partnership-col-share = Part
partnership-col-factor = Facteur de parité
partnership-col-profiles = Profils qui l’ont
partnership-count = { $involved } sur { $cycles }
partnership-cell = { $place }, { $phase } : { $share }, { $count } cycles
partnership-cell-few = { $place }, { $phase } : { $share }, { $count } cycles ; trop peu pour comparer
partnership-few-short = trop peu pour comparer
partnership-legend = Cases plus foncées : une plus grande part de cycles avec des partenaires impliqués. Chaque case donne sa part et son nombre.
partnership-list-summary = Les mêmes chiffres sous forme de liste
partnership-list-caption = Cycles, et cycles avec des partenaires impliqués ou plus, pour chaque niveau et chaque phase
partnership-download = Télécharger la matrice (CSV)
partnership-place-direct_care = Soins directs
partnership-place-clinic = Clinique
partnership-place-organisation = Organisation
partnership-place-system = Système de santé
partnership-phase-design = Conception
partnership-phase-plan = Planification
partnership-phase-implement = Mise en œuvre
partnership-phase-evaluate = Évaluation
partnership-parity-heading = Parité : des partenaires à égalité
partnership-parity-lede = Ce que les équipes ont fait pour que les partenaires prennent part à égalité, sur l’ensemble des profils de partenariat (des projets et des cycles).
partnership-team = Dans une équipe typique : { $patients } patients ou proches partenaires pour { $professionals } professionnels (médianes).
partnership-parity-caption = Part des profils de partenariat qui ont chaque facteur de parité
partnership-profiles-count = { $yes } profils sur { $profiles }
partnership-factor-compensation = Compensation
partnership-factor-compensation-about = Les partenaires ont été payés ou autrement dédommagés pour leur temps.
partnership-factor-preparation = Préparation
partnership-factor-preparation-about = Une préparation et une formation ont été offertes aux partenaires.
partnership-factor-support_contact = Soutien
partnership-factor-support_contact-about = Les partenaires ont eu un soutien continu et une personne-ressource nommée.
partnership-factor-shared_leadership = Leadership partagé
partnership-factor-shared_leadership-about = Le leadership a été partagé ou a alterné entre partenaires et professionnels.
partnership-factor-power_balance = Équilibre des pouvoirs
partnership-factor-power_balance-about = Les déséquilibres de pouvoir ont été nommés et corrigés.
partnership-factor-vulnerability = Vulnérabilité reconnue
partnership-factor-vulnerability-about = La vulnérabilité des partenaires (santé, divulgation, dépendance aux soins) a été reconnue et protégée.
partnership-trend-heading = Cycles avec des partenaires impliqués, mois par mois
partnership-chart-title = Part des cycles commencés avec des partenaires impliqués

## La diffusion des pratiques.
nav-spread = Diffusion
spread-title = Diffusion des pratiques
spread-none = Aucune clinique n’a encore partagé de pratique.
spread-lede = { $practices } pratiques partagées dans le réseau ; { $clinics } cliniques en ont adopté ou adapté au moins une. Pour chaque pratique ci-dessous ({ $shown } affichées) : les cycles qui l’ont mise à l’essai dans d’autres cliniques, ce que ces équipes ont décidé, et ce qu’a fait ensuite la carte de chaque clinique qui l’a adoptée.
spread-rules-summary = Comment « ce qu’a fait la carte ensuite » est jugé
spread-rules = Pour chaque clinique qui a adopté ou adapté une pratique, sa propre carte de la mesure que suit son projet est lue à partir du mois de la décision : la médiane de ses mois d’avant sert de référence, et six mois de suite ou plus d’un même côté ensuite forment un déplacement (la règle des graphiques de séquences). Un déplacement dans le sens que la mesure juge meilleur est « amélioré » ; dans l’autre sens, « aggravé ». Avec moins de six mois avant ou après, il est trop tôt pour le dire. Un déplacement après l’adoption mérite une conversation ; ce n’est pas la preuve que la pratique l’a causé.
spread-download = Télécharger chaque essai de chaque pratique (CSV)
spread-tree-heading = Qui a adapté la version de qui
spread-tree-lede = Chaque pratique telle qu’elle a d’abord été partagée, avec en dessous les versions que d’autres cliniques en ont adaptées.
spread-tree-adapted = version adaptée :
spread-shared-by = Partagée par { $clinic }
spread-adapted-from = adaptée de
spread-versions = Versions qui en ont été adaptées :
spread-tested = Mise à l’essai dans { $cycles } cycles dans { $clinics } autres cliniques : { $adopt } l’ont adoptée, { $adapt } l’ont adaptée, { $abandon } l’ont abandonnée, { $testing } l’essaient encore.
spread-outcome = Après l’avoir adoptée ou adaptée, la carte de { $better } cliniques sur { $adopted } s’est améliorée, { $worse } s’est aggravée, { $none } ne montre pas encore de déplacement, et { $few } ont trop peu de mois pour le dire.
spread-chart-title = Cliniques qui avaient adopté ou adapté « { $practice } »
spread-chart-description = { $title }, mois par mois de { $first } à { $last } : { $clinics } à la fin.
spread-tests-summary = Les cycles qui l’ont mise à l’essai, clinique par clinique
spread-tests-caption = Chaque cycle d’une autre clinique dont l’idée de changement venait de cette pratique
spread-col-started = Début du cycle
spread-col-decision = Décision
spread-col-version = Sa propre version
spread-col-measure = Jugée sur
spread-col-after = La carte ensuite
spread-decided = { $decision }, { $month }
spread-still-testing = encore à l’essai
spread-after-better = améliorée
spread-after-worse = aggravée
spread-after-none = pas encore de déplacement
spread-after-too-few = trop tôt pour le dire

## Les annotations sous la carte d’une mesure.
measure-annotation-cycles = Cycles PDSA terminés
measure-annotation-adopted = Pratiques du réseau adoptées ou adaptées
measure-annotation-description = Sous la carte, mois par mois : { $cycles } cycles PDSA terminés dans les projets qui suivent cette mesure, dont { $adopted } ont adopté ou adapté une pratique du réseau. Le tableau des données donne les nombres de chaque mois.
activity-clinics-download = Télécharger le tableau des cliniques (CSV)
partnership-parity-download = Télécharger le tableau des facteurs (CSV)
partnership-months-summary = Mois par mois : cycles commencés, et combien avec des partenaires impliqués
partnership-months-caption = Cycles commencés chaque mois avec des partenaires impliqués ou plus
partnership-months-download = Télécharger les mois (CSV)
partnership-col-started = Cycles commencés
clinic-download = Télécharger les mois de cette clinique (CSV)

# Les éditeurs du catalogue : ce qui ne va pas dans un texte pour les familles.
catalogue-problem-title-empty = Donnez un titre à la pratique.
catalogue-problem-title-long = Le titre compte { $chars } caractères : raccourcissez-le à { $max } au plus.
catalogue-problem-summary-empty = Écrivez un résumé d’une phrase.
catalogue-problem-summary-long = Le résumé compte { $chars } caractères : gardez une phrase de { $max } au plus.
catalogue-problem-summary-sentences = Le résumé compte plus d’une phrase : gardez-en une et déplacez le reste dans une autre section.
catalogue-problem-problem-empty = Dites quel est le problème, avec les mots des familles.
catalogue-problem-section-long = Cette section compte { $chars } caractères : gardez-en { $max } au plus.
catalogue-problem-steps-empty = Donnez au moins une chose que les familles peuvent faire.
catalogue-problem-steps-many = Il y a { $steps } étapes : gardez-en { $max } au plus.
catalogue-problem-step-long = L’étape { $step } compte { $chars } caractères : gardez chaque étape à { $max } au plus.

## Le catalogue public, pour les patients et les familles : des mots simples, des phrases courtes.
catalogue-product = Tandem : des idées qui aident
catalogue-title = Des idées qui aident les soins
catalogue-lede = Des cliniques et des familles de notre réseau ont essayé ces idées pour mieux soigner. Trouvez une idée, lisez comment elle marche et voyez ce qui a changé.
catalogue-simulated = Ceci est une démonstration. Les cliniques, les idées et les nombres sont inventés. Rien ne parle de vraies personnes.
catalogue-footer = Ces pages sont libres à lire et à imprimer. Vous n'avez pas besoin de compte.
catalogue-search-label = Chercher
catalogue-search-hint = Tapez quelques mots, comme « école » ou « sommeil ».
catalogue-search-button = Chercher
catalogue-clear = Voir toutes les idées
catalogue-filters = Voir seulement
catalogue-filter-any = Tout
catalogue-filter-condition = Problème de santé
catalogue-filter-topic = Sujet
catalogue-filter-place = Où les familles ont aidé
catalogue-filter-evidence = Jusqu'où elle a été testée
catalogue-filter-co-designed = Faite avec des familles
catalogue-empty = Il n'y a pas encore d'idée ici.
catalogue-found-none = Aucune idée ne correspond. Essayez moins de mots, ou voyez toutes les idées.
catalogue-found = { $count ->
    [one] 1 idée
   *[other] { $count } idées
}
catalogue-pages = Pages
catalogue-previous = Page d'avant
catalogue-next = Page suivante
catalogue-not-translated = Cette idée n'est pas encore en français. Vous pouvez la lire dans la langue où elle a été écrite.
catalogue-card-co-designed = Faite avec des familles
catalogue-place-direct_care = Dans leurs propres soins
catalogue-place-clinic = À la clinique
catalogue-place-organisation = À l'hôpital
catalogue-place-system = Dans le système de santé
catalogue-phase-design = pour penser l'idée
catalogue-phase-plan = pour la préparer
catalogue-phase-implement = pour l'essayer
catalogue-phase-evaluate = pour voir comment ça s'est passé
catalogue-rung-idea = Une idée
catalogue-rung-one-clinic = Essayée dans une clinique
catalogue-rung-several-clinics = Essayée dans 3 cliniques ou plus
catalogue-rung-improved = Les résultats vont mieux dans une clinique
catalogue-rung-published = Les résultats vont mieux dans 3 cliniques ou plus
catalogue-rung-line = Étape { $step } sur 5 : { $rung }
catalogue-back = Retour à toutes les idées
catalogue-about = Sujet :
catalogue-evidence-heading = Sommes-nous sûrs ?
catalogue-ladder-here = (cette idée est ici)
catalogue-ladder-not-yet = (pas encore)
catalogue-evidence-facts = { $tested ->
    [0] Aucune clinique n'a encore fini de la tester.
    [one] 1 clinique a fini de la tester.
   *[other] { $tested } cliniques ont fini de la tester.
} { $improved ->
    [0] {""}
    [one] Dans 1 clinique, les résultats sont allés mieux après.
   *[other] Dans { $improved } cliniques, les résultats sont allés mieux après.
}
catalogue-section-problem = Le problème, dit par les familles
catalogue-section-steps = Ce que vous et votre famille pouvez faire
catalogue-section-team = Ce que fait votre équipe de soins
catalogue-section-think = À quoi penser
catalogue-changed-heading = Ce qui a changé
catalogue-changed-clinics = Dans { $clinics } cliniques qui ont commencé à le faire, nous avons regardé 6 mois avant et 6 mois après.
catalogue-changed-measure = Ce que nous avons compté
catalogue-changed-before = Avant
catalogue-changed-after = Après
catalogue-changed-share = { $n } sur { $d } (environ { $per100 } sur 100)
catalogue-changed-note = Ce sont de vrais comptes des cliniques, additionnés. D'autres choses ont pu changer aussi.
catalogue-changed-none = Il n'y a pas encore assez de données à montrer.
catalogue-made-with-heading = Faite avec
catalogue-made-with-partners = Des patients et des familles ont aidé à faire cette idée.
catalogue-made-with-places = Où ils ont aidé
catalogue-made-with-phases = Quand ils ont aidé
catalogue-shared-by = Partagée par { $clinic }
catalogue-updated = Changée le { $date }
catalogue-advice = Cette page n'est pas un avis médical. Parlez à votre équipe de soins avant de changer vos soins.

## Les pages des éditeurs du catalogue.
nav-editor = Catalogue
editor-title = Textes du catalogue
editor-lede = { $practices ->
    [0] Aucune pratique n’est marquée publique ;
    [one] 1 pratique est marquée publique par sa clinique ;
   *[other] { $practices } pratiques sont marquées publiques par leur clinique ;
} { $published ->
    [0] aucune n’a de texte publié pour les familles.
    [one] 1 a un texte publié pour les familles.
   *[other] { $published } ont un texte publié pour les familles.
}
editor-see-catalogue = Voir le catalogue public
editor-none = Aucune clinique n’a encore marqué de pratique publique.
editor-table-caption = Pratiques marquées publiques, et leur texte pour les familles dans chaque langue
editor-col-practice = Pratique, telle que la clinique l’a partagée
editor-col-clinic = Clinique
editor-lang-en = Anglais
editor-lang-fr = Français
editor-edit = modifier
editor-state-none = Pas encore de texte
editor-state-published = Publié (version { $version })
editor-state-draft = Brouillon (version { $version }), non publié
editor-back = Retour aux textes du catalogue
editor-text-title = Texte pour les familles
editor-see-public = le voir dans le catalogue
editor-shared-heading = Ce que la clinique a partagé
editor-shared-by = Partagé par { $clinic }. Réécrivez-le pour les familles ; ne copiez pas le détail destiné aux cliniciens.
editor-original-detail = Détail pour les cliniciens
editor-other-language = Le texte dans l’autre langue
editor-text-heading = Le texte que lisent les familles
editor-field-title = Titre
editor-field-summary = Résumé
editor-field-problem = Le problème, dit par les familles
editor-field-steps = Ce que vous et votre famille pouvez faire
editor-field-care-team = Ce que fait votre équipe de soins
editor-field-think-about = À quoi penser
editor-help-title = 60 caractères au plus.
editor-help-summary = Une phrase, 250 caractères au plus.
editor-help-problem = Comment les familles décrivent le problème. Ni nom, ni âge, ni date.
editor-help-steps = Une étape par ligne, 12 au plus. Commencez chacune par un verbe.
editor-help-care-team = Ce que fait l’équipe, avec des mots simples.
editor-help-think-about = Facultatif : ce qu’il faut peser ou demander.
editor-hint-heading = Lisibilité
editor-hint-target = Une indication, pas une règle : visez un âge de lecture de 9 à 11 ans, soit une facilité de lecture de { $ease } ou plus et, en anglais, un niveau scolaire de { $grade } au plus.
editor-hint-whole = Le texte entier
editor-hint-en = Facilité de lecture de Flesch { $ease }, niveau Flesch–Kincaid { $grade }
editor-hint-fr = Facilité de lecture de Kandel et Moles { $ease }
editor-hint-line = { $part } : { $words }
editor-hint-plain = facile à lire
editor-hint-hard = plus difficile que la cible
editor-checklist = Liste à cocher avant de publier (d’après PEMAT)
editor-checklist-help = Cochez chaque point vrai. Publier demande tous les points ; un brouillon non.
editor-check-words = Il utilise des mots de tous les jours et explique chaque mot médical.
editor-check-you = Il s’adresse aux familles par « vous ».
editor-check-sections = Chaque partie a un seul message principal.
editor-check-numbers = Les nombres sont entiers et faciles à suivre.
editor-check-action = Il dit clairement ce que les familles peuvent faire.
editor-check-steps = Chaque étape est une petite action.
editor-check-advice = Rien n’y est un avis médical pour une personne, et il ne nomme personne.
editor-save-draft = Enregistrer un brouillon
editor-publish = Publier
editor-unpublish = Retirer du catalogue
editor-notice-saved = Enregistré comme version { $version }, non publié.
editor-notice-published = Publié comme version { $version }. Il apparaît dans le catalogue d’ici une minute.
editor-notice-unpublished = Retiré (version { $version }). Il quitte le catalogue d’ici une minute.
editor-error-problems = Rien n’a été enregistré : corrigez les problèmes indiqués à côté des champs.
editor-error-checklist = Non publié : cochez d’abord chaque point de la liste, ou enregistrez un brouillon.
editor-error-not-published = Il n’y a pas de texte publié dans cette langue à retirer.
editor-history = Toutes les versions
editor-history-none = Pas encore de version.
editor-history-published = Publié
editor-history-draft = Brouillon
editor-col-version = Version
editor-col-state = État
editor-col-by = Par
editor-col-at = Quand

## Les réactions des familles dans le catalogue.
catalogue-reactions-heading = Avez-vous essayé ?
catalogue-reactions-help = Dites-le en un clic. Nous comptons seulement les clics. Nous ne gardons pas qui vous êtes.
catalogue-reaction-tried = Nous avons essayé ({ $count })
catalogue-reaction-helped = Cela nous a aidés ({ $count })
catalogue-noted-thanks = Merci. Nous avons compté votre réponse.
catalogue-noted-already = Merci. Nous avons déjà compté votre réponse d'ici aujourd'hui.
catalogue-noted-later = Nous avons reçu beaucoup de réponses d'ici. Réessayez dans une heure.

## Families' stories, on the public catalogue
catalogue-stories-heading = Histoires de familles
catalogue-stories-none = Aucune famille n'a encore raconté son histoire sur ce sujet.
catalogue-story-when = Partagée en { $date }
catalogue-story-in-en = en anglais
catalogue-story-in-fr = en français
catalogue-story-heading = Racontez votre histoire
catalogue-story-rules-heading = Avant d'écrire
catalogue-story-rule-own = Dites ce qui vous est arrivé, à vous ou à votre famille.
catalogue-story-rule-names = N'écrivez pas de noms, d'âges, de dates ni de lieux. Écrivez « mon fils », pas son nom.
catalogue-story-rule-advice = Ne dites pas aux autres quoi prendre. Parlez de vos soins avec votre équipe.
catalogue-story-rule-read = Une personne du réseau lit chaque histoire avant tout le monde. Elle peut la couper ou en retirer des mots. Certaines histoires ne sont pas montrées.
catalogue-story-rule-back = Vous pouvez reprendre votre histoire à tout moment, avec un lien que nous vous donnons.
catalogue-story-label = Votre histoire
catalogue-story-help = Vous pouvez écrire jusqu'à { $max } lettres. Nous ne demandons pas qui vous êtes.
catalogue-story-own = Cela m'est arrivé, à moi ou à ma famille.
catalogue-story-agree = Une personne du réseau peut lire mon histoire, la changer et la montrer ici.
catalogue-story-send = Envoyer mon histoire
catalogue-story-problems = Nous ne pouvons pas encore prendre votre histoire. Corrigez ceci :
catalogue-story-problem-short = Votre histoire est trop courte. Écrivez au moins { $min } lettres.
catalogue-story-problem-long = Votre histoire est trop longue. Gardez-la à { $max } lettres.
catalogue-story-problem-own = Cochez la case pour dire que cela vous est arrivé, à vous ou à votre famille.
catalogue-story-problem-agree = Cochez la case pour dire qu'une personne peut lire et changer votre histoire.
catalogue-story-problem-again = Vous avez déjà envoyé une histoire sur ce sujet aujourd'hui. Attendez un jour pour en envoyer une autre.
catalogue-story-back = Retour à la pratique
catalogue-story-about = Sujet :
catalogue-story-sent-heading = Merci pour votre histoire
catalogue-story-sent-read = Une personne du réseau va la lire. Personne d'autre ne la voit avant.
catalogue-story-sent-keep = Gardez le lien ci-dessous. C'est le seul moyen de voir votre histoire ou de la reprendre. Nous ne gardons pas qui vous êtes : nous ne pouvons pas vous le renvoyer.
catalogue-story-link-label = Votre lien
catalogue-story-yours = Votre histoire
catalogue-story-practice-gone = une pratique qui n'est plus dans la liste
catalogue-story-withdrawn-now = Votre histoire est partie. Nous avons retiré tous ses mots.
catalogue-story-state-waiting = Votre histoire attend. Une personne du réseau va la lire bientôt.
catalogue-story-state-published = Votre histoire est montrée sur la page de la pratique.
catalogue-story-state-declined = Votre histoire n'est pas montrée.
catalogue-story-state-expired = Personne n'a pu lire votre histoire à temps : nous avons retiré ses mots.
catalogue-story-state-withdrawn = Vous avez repris votre histoire. Ses mots sont partis.
catalogue-story-reason = Pourquoi : { $reason }
catalogue-story-original-deleted = Nous avons retiré les mots que vous avez envoyés, comme nous le faisons après un mois.
catalogue-story-published-words = Ce que lisent les familles
catalogue-story-your-words = Ce que vous avez envoyé
catalogue-story-withdraw-help = Vous pouvez reprendre votre histoire. Nous retirerons tous ses mots tout de suite.
catalogue-story-withdraw = Reprendre mon histoire

## The moderators' pages for families' stories
editor-stories = { $waiting ->
    [0] Histoires de familles : aucune en attente
    [one] Histoires de familles : 1 à lire
   *[other] Histoires de familles : { $waiting } à lire
}
moderation-title = Histoires de familles
moderation-lede = { $waiting ->
    [one] 1 histoire attend d'être lue
   *[other] { $waiting } histoires attendent d'être lues
}, sur { $all } en tout. Aucune histoire n'est montrée avant que vous la publiiez.
moderation-kept = Les mots de la personne sont gardés 30 jours après une décision, puis effacés. Une histoire que personne ne lit en 60 jours est refusée et ses mots effacés.
moderation-none = Aucune famille n'a encore envoyé d'histoire.
moderation-caption = Les histoires, celles en attente d'abord
moderation-col-sent = Envoyée le
moderation-col-practice = Pratique
moderation-col-lang = Langue
moderation-col-state = État
moderation-state-waiting = En attente
moderation-state-published = Publiée
moderation-state-declined = Refusée
moderation-state-expired = Refusée : pas lue à temps
moderation-state-withdrawn = Reprise par la personne
moderation-story-title = L'histoire d'une famille
moderation-back = Retour aux histoires de familles
moderation-sent = Envoyée le { $date }, { $lang }
moderation-rules-heading = Les règles
moderation-rule-identify = Retirez les noms, les âges, les dates et tout ce qui pourrait identifier quelqu'un dans un petit service : une maladie rare, un métier, une école, une ville.
moderation-rule-advice = Retirez les conseils médicaux : doses, médicaments à commencer ou arrêter, promesses de guérison.
moderation-rule-own = Ne publiez que des histoires vécues : ce qui est arrivé à la personne ou à sa famille.
moderation-rule-voice = Gardez la voix de la personne : coupez et retirez, mais n'ajoutez pas de mots qu'elle n'a pas dits.
moderation-rule-decline = Si vous refusez, donnez une raison bienveillante : la personne la lit.
moderation-original-heading = Ce que la famille a envoyé
moderation-found = { $count ->
    [0] Le filtre n'a rien trouvé qui identifie quelqu'un. Lisez tout de même tout le texte.
    [one] Le filtre a marqué 1 élément qui peut identifier quelqu'un.
   *[other] Le filtre a marqué { $count } éléments qui peuvent identifier quelqu'un.
}
moderation-original-deleted = Les mots de la personne ont été effacés, comme ils le sont 30 jours après une décision.
moderation-publish-heading = Publier
moderation-text-label = Les mots que liront les familles
moderation-text-help = Modifiez les mots de la personne selon les règles. Le filtre les relit quand vous publiez.
moderation-checked = J'ai vérifié chaque mot que le filtre marque dans ce texte : aucun n'identifie quelqu'un.
moderation-publish = Publier cette histoire
moderation-decline-heading = Refuser
moderation-reason-label = Pourquoi elle n'est pas publiée
moderation-reason-help = La personne lit cette raison sur sa page.
moderation-decline = Refuser cette histoire
moderation-notice-published = L'histoire est publiée sur la page de la pratique.
moderation-notice-declined = L'histoire est refusée ; la personne peut lire pourquoi.
moderation-error-withdrawn = La personne a repris cette histoire : il n'y a rien à publier.
moderation-error-findings = { $count ->
    [one] Le filtre marque encore 1 élément dans le texte à publier (ci-dessous). Reformulez-le, ou cochez la case si vous l'avez vérifié.
   *[other] Le filtre marque encore { $count } éléments dans le texte à publier (ci-dessous). Reformulez-les, ou cochez la case si vous les avez vérifiés.
}
moderation-error-reason = Donnez une raison du refus, d'au plus { $max } caractères.

## Who made a practice, by role
catalogue-made-with-who = Qui l'a faite
catalogue-made-with-stages = { $roles } ; ils ont pris part à { $stages }
catalogue-and = et
catalogue-stage-design = la conception
catalogue-stage-testing = l'essai
catalogue-stage-review = la relecture
catalogue-credit-parent = { $count ->
    [one] 1 parent
   *[other] { $count } parents
}
catalogue-credit-carer = { $count ->
    [one] 1 autre proche aidant
   *[other] { $count } autres proches aidants
}
catalogue-credit-child = { $count ->
    [one] 1 enfant
   *[other] { $count } enfants
}
catalogue-credit-teenager = { $count ->
    [one] 1 adolescent
   *[other] { $count } adolescents
}
catalogue-credit-young-adult = { $count ->
    [one] 1 jeune adulte
   *[other] { $count } jeunes adultes
}
catalogue-credit-patient = { $count ->
    [one] 1 patient adulte
   *[other] { $count } patients adultes
}
catalogue-credit-clinician = { $count ->
    [one] 1 clinicien
   *[other] { $count } cliniciens
}
catalogue-credit-staff = { $count ->
    [one] 1 autre membre du personnel
   *[other] { $count } autres membres du personnel
}
