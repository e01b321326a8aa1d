## Le hub : son nom, ses rôles et sa navigation.
hub-product = Tandem hub
hub-login-label = Adresse électronique
hub-role-admin = Administrateur du réseau
hub-role-lead = Responsable du réseau
hub-role-member = Membre d’une clinique
hub-clinic-pseudonym = Clinique { $number }
nav-network = Réseau
nav-clinics = Cliniques
nav-definitions = Définitions

## Graphiques.
chart-goal = objectif { $value }
chart-centre-line = ligne centrale
chart-network = ligne centrale du réseau
chart-limits = limites à 3σ
chart-outside = hors des limites
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
measure-download-clinics = Télécharger les mois de chaque clinique (CSV)
measure-clinics-heading = Chaque clinique, à la même échelle
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
overview-reporting = Les chiffres de { $month } étaient attendus pour le { $day } : { $reported } cliniques sur { $enrolled } les ont transmis, { $late ->
    [0] aucune en retard.
    [one] 1 en retard.
   *[other] { $late } en retard.
}

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
