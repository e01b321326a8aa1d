//! What families read in the demonstration's catalogue: made-up texts, in English and French,
//! as a network editor would write them from what clinics shared. The first twelve ideas are
//! the family versions of the twelve practices that spread ([`super::texts::PRACTICES`]); the
//! rest, crossed with the groups of [`VARIANTS`], are the practices clinics share only for the
//! catalogue.

use tandem_hub::catalogue::FamilyText;

/// One idea's words in one language.
#[derive(Debug)]
pub struct Words {
    pub title: &'static str,
    pub summary: &'static str,
    pub problem: &'static str,
    pub steps: &'static [&'static str],
    pub care_team: &'static str,
    pub think_about: &'static str,
}

impl Words {
    pub fn text(&self) -> FamilyText {
        FamilyText {
            title: self.title.into(),
            summary: self.summary.into(),
            problem: self.problem.into(),
            steps: self.steps.iter().map(|s| (*s).to_owned()).collect(),
            care_team: self.care_team.into(),
            think_about: self.think_about.into(),
        }
    }

    /// The idea adapted for a group: its title with the group's words, and the group's own
    /// step first.
    pub fn for_group(&self, group: &Group) -> FamilyText {
        let mut t = self.text();
        t.title = format!("{} {}", self.title, group.title);
        let mut rest = self.summary.chars();
        let first = rest.next().map(|c| c.to_lowercase().collect::<String>());
        t.summary = format!(
            "{}{}{}",
            group.summary,
            first.unwrap_or_default(),
            rest.as_str()
        );
        t.steps.insert(0, group.step.to_owned());
        t
    }
}

#[derive(Debug)]
pub struct Idea {
    pub topics: &'static [&'static str],
    pub en: Words,
    pub fr: Words,
}

/// A group a clinic adapted an idea for, in one language.
#[derive(Debug)]
pub struct Group {
    pub title: &'static str,
    /// What the summary starts with ("For teens: ").
    pub summary: &'static str,
    pub step: &'static str,
}

#[derive(Debug)]
pub struct Variant {
    pub condition: &'static str,
    pub en: Group,
    pub fr: Group,
}

/// Made-up families' stories of the first practices, as a moderator published them: (the
/// practice's index, the language, the words). The demonstration marks them simulated.
pub const STORIES: [(usize, &str, &str); 6] = [
    (
        0,
        "en",
        "We had a plan on the fridge for the next flare. When it came, we knew who to call and \
         what to watch for. It felt less scary this time.",
    ),
    (
        0,
        "fr",
        "Nous avions le plan sur le frigo. Quand la poussée est arrivée, nous savions qui \
         appeler. Nous avions moins peur.",
    ),
    (
        1,
        "en",
        "Our daughter wrote down her questions before each visit. She asked them herself, and \
         the doctor listened to her.",
    ),
    (
        2,
        "fr",
        "Le texto de rappel nous a aidés à ne plus oublier les prises de sang. C'est simple, \
         mais ça change tout.",
    ),
    (
        3,
        "en",
        "The nurse called us a week after the visit. We had forgotten half of what was said, \
         and she went over it again with us.",
    ),
    (
        4,
        "en",
        "Meeting another parent at the clinic helped me more than any leaflet. I knew we were \
         not alone.",
    ),
];

/// Made-up stories still waiting for a moderator, one with what the scrubber must mark.
pub const WAITING: [(usize, &str, &str); 2] = [
    (
        0,
        "en",
        "My son Liam Tremblay had a bad flare on 14 March. The plan from Dr Okafor at the \
         clinic helped us. You can call me at 514-555-0142 to talk about it.",
    ),
    (
        1,
        "fr",
        "Ma fille écrit ses questions dans un carnet avant chaque visite. Elle ose enfin \
         parler au médecin.",
    ),
];

pub const VARIANTS: [Variant; 10] = [
    Variant {
        condition: "crohns",
        en: Group {
            title: "for teens",
            summary: "For teens: ",
            step: "Ask to talk with the team on your own for part of the visit.",
        },
        fr: Group {
            title: "pour les ados",
            summary: "Pour les ados : ",
            step: "Demandez à parler seul avec l'équipe pendant une partie de la visite.",
        },
    },
    Variant {
        condition: "ulcerative-colitis",
        en: Group {
            title: "for young children",
            summary: "For young children: ",
            step: "Use pictures to help your child say how they feel.",
        },
        fr: Group {
            title: "pour les petits",
            summary: "Pour les jeunes enfants : ",
            step: "Utilisez des images pour aider votre enfant à dire ce qu'il ressent.",
        },
    },
    Variant {
        condition: "ibd",
        en: Group {
            title: "at diagnosis",
            summary: "For the first weeks after you learn about IBD: ",
            step: "Write down your questions as they come, and bring the list.",
        },
        fr: Group {
            title: "au diagnostic",
            summary: "Pour les premières semaines après l'annonce : ",
            step: "Notez vos questions quand elles viennent et apportez la liste.",
        },
    },
    Variant {
        condition: "crohns",
        en: Group {
            title: "after a hospital stay",
            summary: "For going home from the hospital: ",
            step: "Before you leave, ask who to call in the first week.",
        },
        fr: Group {
            title: "après l'hôpital",
            summary: "Pour le retour à la maison : ",
            step: "Avant de partir, demandez qui appeler la première semaine.",
        },
    },
    Variant {
        condition: "ibd",
        en: Group {
            title: "by phone or video",
            summary: "By phone or video: ",
            step: "Find a quiet place for the call, with your notes.",
        },
        fr: Group {
            title: "par téléphone",
            summary: "Par téléphone ou vidéo : ",
            step: "Trouvez un endroit calme pour l'appel, avec vos notes.",
        },
    },
    Variant {
        condition: "ulcerative-colitis",
        en: Group {
            title: "in the school year",
            summary: "To fit the school year: ",
            step: "Look at the school dates when you plan visits.",
        },
        fr: Group {
            title: "pendant l'école",
            summary: "Pour suivre l'année scolaire : ",
            step: "Regardez le calendrier de l'école pour prévoir les visites.",
        },
    },
    Variant {
        condition: "ibd-unclassified",
        en: Group {
            title: "for parents at work",
            summary: "For parents who work long hours: ",
            step: "Ask for a visit time early or late in the day.",
        },
        fr: Group {
            title: "pour parents au travail",
            summary: "Pour les parents qui travaillent tard : ",
            step: "Demandez une visite tôt ou tard dans la journée.",
        },
    },
    Variant {
        condition: "crohns",
        en: Group {
            title: "for brothers and sisters",
            summary: "With brothers and sisters in mind: ",
            step: "Tell brothers and sisters what is going on, in simple words.",
        },
        fr: Group {
            title: "pour la fratrie",
            summary: "En pensant aux frères et sœurs : ",
            step: "Dites aux frères et sœurs ce qui se passe, avec des mots simples.",
        },
    },
    Variant {
        condition: "ibd",
        en: Group {
            title: "at night and weekends",
            summary: "For nights and weekends: ",
            step: "Keep the night phone number where everyone can find it.",
        },
        fr: Group {
            title: "la nuit et le week-end",
            summary: "Pour les nuits et les week-ends : ",
            step: "Gardez le numéro de nuit là où tout le monde le trouve.",
        },
    },
    Variant {
        condition: "ulcerative-colitis",
        en: Group {
            title: "in other languages",
            summary: "For families who speak other languages: ",
            step: "Ask for an interpreter when you book the visit.",
        },
        fr: Group {
            title: "en d'autres langues",
            summary: "Pour les familles qui parlent d'autres langues : ",
            step: "Demandez un interprète quand vous prenez rendez-vous.",
        },
    },
];

pub const IDEAS: [Idea; 20] = [
    Idea {
        topics: &["visits", "planning"],
        en: Words {
            title: "Getting ready for your visit",
            summary: "The day before your visit, the team meets to get ready for you.",
            problem: "Visits felt rushed. We spent the time on forms, not on what mattered to us.",
            steps: &[
                "Think of the one thing you most want to talk about.",
                "Tell the nurse when you arrive.",
            ],
            care_team: "The team meets for ten minutes the day before. They check tests, growth and vaccines.",
            think_about: "A parent partner joins the meeting once a week.",
        },
        fr: Words {
            title: "Préparer votre visite",
            summary: "La veille de votre visite, l'équipe se réunit pour se préparer.",
            problem: "Les visites allaient trop vite. Le temps passait sur les papiers, pas sur ce qui comptait.",
            steps: &[
                "Pensez à la chose dont vous voulez le plus parler.",
                "Dites-la à l'infirmière en arrivant.",
            ],
            care_team: "L'équipe se réunit dix minutes la veille. Elle vérifie les tests, la croissance et les vaccins.",
            think_about: "Un parent partenaire vient à la réunion une fois par semaine.",
        },
    },
    Idea {
        topics: &["shared-decisions", "therapy"],
        en: Words {
            title: "Choosing a treatment together",
            summary: "A short guide helps you and the team compare treatments side by side.",
            problem: "We were told which medicine to take. We did not know there were other choices.",
            steps: &[
                "Read the guide before the visit.",
                "Mark what matters most to you.",
                "Choose with the team.",
            ],
            care_team: "The doctor goes through the guide with you and writes down what you chose and why.",
            think_about: "You can take the guide home and decide at the next visit.",
        },
        fr: Words {
            title: "Choisir un traitement ensemble",
            summary: "Un petit guide vous aide à comparer les traitements avec l'équipe.",
            problem: "On nous disait quel médicament prendre. Nous ne savions pas qu'il y avait d'autres choix.",
            steps: &[
                "Lisez le guide avant la visite.",
                "Notez ce qui compte le plus pour vous.",
                "Choisissez avec l'équipe.",
            ],
            care_team: "Le médecin lit le guide avec vous et note votre choix et pourquoi.",
            think_about: "Vous pouvez emporter le guide et décider à la visite suivante.",
        },
    },
    Idea {
        topics: &["nutrition", "growth"],
        en: Words {
            title: "Checking food and growth",
            summary: "At every visit, a few quick questions check how your child eats and grows.",
            problem: "Our son was not growing well, and no one noticed for months.",
            steps: &[
                "Answer the five questions at check-in.",
                "Bring a list of what your child ate in a usual day.",
            ],
            care_team: "The nurse measures height and weight. If there is a worry, a dietitian calls you within two weeks.",
            think_about: "Eating can be hard during a flare. Tell the team, even if it feels small.",
        },
        fr: Words {
            title: "Vérifier repas et croissance",
            summary: "À chaque visite, quelques questions vérifient comment votre enfant mange et grandit.",
            problem: "Notre fils grandissait mal, et personne ne l'a vu pendant des mois.",
            steps: &[
                "Répondez aux cinq questions à l'arrivée.",
                "Apportez ce que votre enfant mange un jour normal.",
            ],
            care_team: "L'infirmière mesure la taille et le poids. En cas de doute, une diététiste vous appelle sous deux semaines.",
            think_about: "Manger peut être dur pendant une poussée. Dites-le, même si cela semble petit.",
        },
    },
    Idea {
        topics: &["therapy", "monitoring"],
        en: Words {
            title: "Checking medicine levels",
            summary: "A blood test shows if the dose of some medicines is right for you.",
            problem: "The medicine stopped working, and we only found out when the pain came back.",
            steps: &[
                "Ask when your next level test is due.",
                "Have the test just before a dose.",
            ],
            care_team: "The team checks the level after the first weeks, then every six months, and changes the dose if needed.",
            think_about: "Not every medicine needs this test. Ask if yours does.",
        },
        fr: Words {
            title: "Vérifier le taux du médicament",
            summary: "Une prise de sang montre si la dose de certains médicaments est bonne.",
            problem: "Le médicament ne marchait plus, et nous l'avons su quand la douleur est revenue.",
            steps: &[
                "Demandez quand est le prochain test.",
                "Faites le test juste avant une dose.",
            ],
            care_team: "L'équipe vérifie le taux après les premières semaines, puis tous les six mois, et change la dose si besoin.",
            think_about: "Tous les médicaments n'ont pas besoin de ce test. Demandez pour le vôtre.",
        },
    },
    Idea {
        topics: &["population-management"],
        en: Words {
            title: "Making sure no one is missed",
            summary: "A simple list helps the team see who is due for a check, even between visits.",
            problem: "We missed a visit, and no one called us for almost a year.",
            steps: &[
                "Keep your phone number up to date with the clinic.",
                "Call back if the clinic leaves a message.",
            ],
            care_team: "Each month, a nurse looks at the list and calls families who are due or not doing well.",
            think_about: "The list is kept safe inside the clinic.",
        },
        fr: Words {
            title: "Ne laisser personne de côté",
            summary: "Une liste simple aide l'équipe à voir qui doit être vu, même entre les visites.",
            problem: "Nous avons manqué une visite, et personne ne nous a appelés pendant presque un an.",
            steps: &[
                "Donnez à la clinique votre bon numéro de téléphone.",
                "Rappelez si la clinique laisse un message.",
            ],
            care_team: "Chaque mois, une infirmière regarde la liste et appelle les familles à voir.",
            think_about: "La liste reste protégée dans la clinique.",
        },
    },
    Idea {
        topics: &["patient-reported-outcomes", "visits"],
        en: Words {
            title: "Saying how you are before the visit",
            summary: "A few questions before the visit tell the team how you have been.",
            problem: "By the time we saw the doctor, we forgot half of what we wanted to say.",
            steps: &[
                "Answer the questions on the tablet in the waiting room.",
                "Say if a question was hard to answer.",
            ],
            care_team: "The doctor reads your answers before coming in.",
            think_about: "There are no wrong answers.",
        },
        fr: Words {
            title: "Dire comment ça va avant de venir",
            summary: "Quelques questions avant la visite disent à l'équipe comment vous allez.",
            problem: "Devant le médecin, nous oubliions la moitié de ce que nous voulions dire.",
            steps: &[
                "Répondez aux questions sur la tablette dans la salle d'attente.",
                "Dites si une question était difficile.",
            ],
            care_team: "Le médecin lit vos réponses avant d'entrer.",
            think_about: "Il n'y a pas de mauvaise réponse.",
        },
    },
    Idea {
        topics: &["transition"],
        en: Words {
            title: "Getting ready for adult care",
            summary: "A checklist helps teens learn to look after their own care, step by step.",
            problem: "At 18, our daughter moved to adult care and did not know the name of her medicine.",
            steps: &[
                "Go through the checklist once a year.",
                "Book one visit on your own.",
                "Learn your medicine names.",
            ],
            care_team: "The nurse goes through the checklist with you and helps you meet the adult team.",
            think_about: "It is fine to learn a bit at a time. Parents can still help.",
        },
        fr: Words {
            title: "Se préparer aux soins pour adultes",
            summary: "Une liste aide les ados à apprendre à gérer leurs soins, pas à pas.",
            problem: "À 18 ans, notre fille est passée chez les adultes sans connaître le nom de son médicament.",
            steps: &[
                "Faites la liste une fois par an.",
                "Prenez un rendez-vous vous-même.",
                "Apprenez le nom de vos médicaments.",
            ],
            care_team: "L'infirmière fait la liste avec vous et vous aide à rencontrer l'équipe adulte.",
            think_about: "On peut apprendre petit à petit. Les parents peuvent encore aider.",
        },
    },
    Idea {
        topics: &["access", "flares"],
        en: Words {
            title: "Being seen the same day in a flare",
            summary: "If symptoms come back, you can be seen the same day, not in weeks.",
            problem: "In a flare, we waited two weeks for a visit, or went to the emergency room.",
            steps: &[
                "Call the clinic in the morning.",
                "Say it is a flare.",
                "Bring your list of medicines.",
            ],
            care_team: "The clinic keeps two visit times free each day for flares.",
            think_about: "If it is an emergency, go to the emergency room.",
        },
        fr: Words {
            title: "Être vu le jour même en poussée",
            summary: "Si les symptômes reviennent, vous pouvez être vu le jour même.",
            problem: "En poussée, nous attendions deux semaines, ou nous allions aux urgences.",
            steps: &[
                "Appelez la clinique le matin.",
                "Dites que c'est une poussée.",
                "Apportez la liste des médicaments.",
            ],
            care_team: "La clinique garde deux places libres chaque jour pour les poussées.",
            think_about: "En cas d'urgence, allez aux urgences.",
        },
    },
    Idea {
        topics: &["peer-support"],
        en: Words {
            title: "Talking with another family",
            summary: "A family who has lived it can help you in the first months.",
            problem: "After the diagnosis, we felt alone. The leaflets did not answer our real questions.",
            steps: &[
                "Ask the nurse for a family mentor.",
                "Meet or talk by phone when it suits you.",
            ],
            care_team: "The team trains mentor families and puts you in touch.",
            think_about: "Mentors share what they lived. They do not give medical advice.",
        },
        fr: Words {
            title: "Parler avec une autre famille",
            summary: "Une famille qui l'a vécu peut vous aider les premiers mois.",
            problem: "Après l'annonce, nous étions seuls. Les brochures ne répondaient pas à nos vraies questions.",
            steps: &[
                "Demandez une famille marraine à l'infirmière.",
                "Rencontrez-la ou appelez-la quand cela vous va.",
            ],
            care_team: "L'équipe forme les familles marraines et vous met en contact.",
            think_about: "Les familles partagent leur vécu. Elles ne donnent pas d'avis médical.",
        },
    },
    Idea {
        topics: &["school"],
        en: Words {
            title: "A letter for school",
            summary: "A letter tells the school what your child needs, like bathroom breaks.",
            problem: "Our child was scared to ask to leave class, and missed school after visits.",
            steps: &[
                "Ask the team for the school letter.",
                "Give it to the teacher.",
                "Ask for a new one each year.",
            ],
            care_team: "The team fills in the letter with you and keeps a copy.",
            think_about: "You choose what the school is told.",
        },
        fr: Words {
            title: "Une lettre pour l'école",
            summary: "Une lettre dit à l'école ce dont votre enfant a besoin, comme aller aux toilettes.",
            problem: "Notre enfant avait peur de sortir de classe, et manquait l'école après les visites.",
            steps: &[
                "Demandez la lettre à l'équipe.",
                "Donnez-la à l'enseignant.",
                "Demandez-en une nouvelle chaque année.",
            ],
            care_team: "L'équipe remplit la lettre avec vous et garde une copie.",
            think_about: "Vous choisissez ce que l'école sait.",
        },
    },
    Idea {
        topics: &["flares", "self-management"],
        en: Words {
            title: "A plan for flares",
            summary: "A written plan says what to do and who to call if symptoms come back.",
            problem: "When a flare started at night, we did not know who to call.",
            steps: &[
                "Make the plan at your next visit.",
                "Keep a copy at home and one at school.",
            ],
            care_team: "The nurse goes over the plan at each visit.",
            think_about: "Change the plan when your treatment changes.",
        },
        fr: Words {
            title: "Un plan pour les poussées",
            summary: "Un plan écrit dit quoi faire et qui appeler si les symptômes reviennent.",
            problem: "Quand une poussée commençait la nuit, nous ne savions pas qui appeler.",
            steps: &[
                "Faites le plan à la prochaine visite.",
                "Gardez une copie à la maison et une à l'école.",
            ],
            care_team: "L'infirmière revoit le plan à chaque visite.",
            think_about: "Changez le plan quand le traitement change.",
        },
    },
    Idea {
        topics: &["vaccination", "safety"],
        en: Words {
            title: "Checking vaccines",
            summary: "The team checks your vaccines, to protect you during some treatments.",
            problem: "We did not know some medicines make infections more likely.",
            steps: &["Bring your vaccine record.", "Ask which vaccines are due."],
            care_team: "The team checks vaccines before some treatments, then once a year.",
            think_about: "Some vaccines must be given before a treatment starts.",
        },
        fr: Words {
            title: "Vérifier les vaccins",
            summary: "L'équipe vérifie vos vaccins, pour vous protéger pendant certains traitements.",
            problem: "Nous ne savions pas que certains médicaments rendent les infections plus faciles.",
            steps: &[
                "Apportez votre carnet de vaccins.",
                "Demandez quels vaccins sont à faire.",
            ],
            care_team: "L'équipe vérifie les vaccins avant certains traitements, puis une fois par an.",
            think_about: "Certains vaccins doivent être faits avant le début d'un traitement.",
        },
    },
    Idea {
        topics: &["mental-health"],
        en: Words {
            title: "Asking about feelings",
            summary: "At visits, the team asks how your child feels, not only about the body.",
            problem: "Our son was sad and worried for months. No one asked.",
            steps: &[
                "Answer the two questions about mood.",
                "Say if sleep or school is hard.",
            ],
            care_team: "If there is a worry, the team offers a talk with a psychologist.",
            think_about: "Feeling down is common with a long illness. Help works.",
        },
        fr: Words {
            title: "Parler des émotions",
            summary: "Aux visites, l'équipe demande comment votre enfant se sent, pas seulement son corps.",
            problem: "Notre fils était triste et inquiet pendant des mois. Personne ne demandait.",
            steps: &[
                "Répondez aux deux questions sur le moral.",
                "Dites si le sommeil ou l'école sont durs.",
            ],
            care_team: "En cas de souci, l'équipe propose de voir un psychologue.",
            think_about: "Avoir le moral bas est courant avec une longue maladie. L'aide marche.",
        },
    },
    Idea {
        topics: &["pain"],
        en: Words {
            title: "A pain diary",
            summary: "A simple diary helps you and the team see when pain comes and what helps.",
            problem: "We could not say how often the pain came, so it was hard to know what to do.",
            steps: &[
                "Mark pain from 0 to 10 each evening.",
                "Note what you ate and did.",
                "Bring the diary to the visit.",
            ],
            care_team: "The team looks at the diary with you and plans what to try.",
            think_about: "A paper diary or a phone note both work.",
        },
        fr: Words {
            title: "Un carnet de la douleur",
            summary: "Un carnet simple aide à voir quand la douleur vient et ce qui aide.",
            problem: "Nous ne savions pas dire combien de fois la douleur venait.",
            steps: &[
                "Notez la douleur de 0 à 10 chaque soir.",
                "Notez ce que vous avez mangé et fait.",
                "Apportez le carnet à la visite.",
            ],
            care_team: "L'équipe lit le carnet avec vous et prévoit quoi essayer.",
            think_about: "Un carnet papier ou une note sur le téléphone marchent tous les deux.",
        },
    },
    Idea {
        topics: &["self-management", "therapy"],
        en: Words {
            title: "Remembering medicines",
            summary: "Small tricks help you take medicines every day without forgetting.",
            problem: "Our daughter often forgot her pills, and felt bad about it.",
            steps: &[
                "Link the medicine to something you do every day.",
                "Use a pill box with the days on it.",
            ],
            care_team: "The nurse asks how it is going, without blame, and helps find what works.",
            think_about: "Everyone forgets sometimes. Say so, so the team can help.",
        },
        fr: Words {
            title: "Ne pas oublier les médicaments",
            summary: "De petites astuces aident à prendre les médicaments chaque jour.",
            problem: "Notre fille oubliait souvent ses cachets et s'en voulait.",
            steps: &[
                "Liez le médicament à un geste de tous les jours.",
                "Utilisez une boîte avec les jours.",
            ],
            care_team: "L'infirmière demande comment ça va, sans reproche, et aide à trouver ce qui marche.",
            think_about: "Tout le monde oublie parfois. Dites-le, pour que l'équipe aide.",
        },
    },
    Idea {
        topics: &["access"],
        en: Words {
            title: "A nurse line for questions",
            summary: "A nurse answers your questions by phone on weekdays.",
            problem: "We had small questions but did not want to bother the doctor.",
            steps: &[
                "Write your question down.",
                "Call the nurse line between 9 and 4.",
            ],
            care_team: "A nurse calls back the same day and tells the doctor if needed.",
            think_about: "For an emergency, do not wait for a call back.",
        },
        fr: Words {
            title: "Une infirmière au téléphone",
            summary: "Une infirmière répond à vos questions par téléphone en semaine.",
            problem: "Nous avions de petites questions sans vouloir déranger le médecin.",
            steps: &[
                "Notez votre question.",
                "Appelez la ligne entre 9 h et 16 h.",
            ],
            care_team: "Une infirmière rappelle le jour même et prévient le médecin si besoin.",
            think_about: "En cas d'urgence, n'attendez pas qu'on vous rappelle.",
        },
    },
    Idea {
        topics: &["visits"],
        en: Words {
            title: "Tests on the same day as the visit",
            summary: "Blood tests and the visit happen on the same day, so you come once.",
            problem: "We came once for tests and again for the visit. Our child missed two school days.",
            steps: &[
                "Come 45 minutes early for the tests.",
                "Bring a snack for after.",
            ],
            care_team: "The lab sees clinic patients first, so results are ready for the visit.",
            think_about: "Ask for cream to numb the skin before the needle.",
        },
        fr: Words {
            title: "Les tests le jour de la visite",
            summary: "Les prises de sang et la visite ont lieu le même jour.",
            problem: "Nous venions une fois pour les tests et une fois pour la visite. Deux jours d'école perdus.",
            steps: &[
                "Venez 45 minutes plus tôt pour les tests.",
                "Apportez un goûter pour après.",
            ],
            care_team: "Le labo passe les patients de la clinique en premier, pour avoir les résultats à temps.",
            think_about: "Demandez une crème qui endort la peau avant l'aiguille.",
        },
    },
    Idea {
        topics: &["nutrition"],
        en: Words {
            title: "Cooking classes for families",
            summary: "Short classes show easy meals that are kind to the gut.",
            problem: "We did not know what to cook during a flare.",
            steps: &[
                "Ask the dietitian about the next class.",
                "Try one new meal at home.",
            ],
            care_team: "A dietitian runs the class with a parent who has been there.",
            think_about: "No food is banned for everyone. Ask what is right for your child.",
        },
        fr: Words {
            title: "Des ateliers de cuisine",
            summary: "De courts ateliers montrent des repas simples et doux pour le ventre.",
            problem: "Nous ne savions pas quoi cuisiner pendant une poussée.",
            steps: &[
                "Demandez la date du prochain atelier.",
                "Essayez un nouveau repas à la maison.",
            ],
            care_team: "Une diététiste anime l'atelier avec un parent qui l'a vécu.",
            think_about: "Aucun aliment n'est interdit pour tous. Demandez ce qui convient.",
        },
    },
    Idea {
        topics: &["peer-support", "mental-health"],
        en: Words {
            title: "A group for teens",
            summary: "Teens with IBD meet once a month to talk and have fun.",
            problem: "Our son thought he was the only one. He did not want to talk to adults.",
            steps: &[
                "Ask about the next meeting.",
                "Come once and see if you like it.",
            ],
            care_team: "A nurse and an older teen lead the group.",
            think_about: "What is said in the group stays in the group.",
        },
        fr: Words {
            title: "Un groupe pour les ados",
            summary: "Des ados avec une MICI se voient une fois par mois pour parler et s'amuser.",
            problem: "Notre fils pensait être le seul. Il ne voulait pas parler aux adultes.",
            steps: &[
                "Demandez la date de la prochaine rencontre.",
                "Venez une fois pour voir.",
            ],
            care_team: "Une infirmière et un ado plus âgé animent le groupe.",
            think_about: "Ce qui se dit dans le groupe reste dans le groupe.",
        },
    },
    Idea {
        topics: &["planning", "safety"],
        en: Words {
            title: "A card for travel and emergencies",
            summary: "A small card lists your illness, medicines and who to call.",
            problem: "On holiday, a doctor did not know our child's medicines.",
            steps: &[
                "Ask the nurse for the card.",
                "Keep it in your wallet or phone case.",
            ],
            care_team: "The team fills in the card and updates it when medicines change.",
            think_about: "Take a photo of the card too.",
        },
        fr: Words {
            title: "Une carte pour voyages et urgences",
            summary: "Une petite carte donne la maladie, les médicaments et qui appeler.",
            problem: "En vacances, un médecin ne connaissait pas les médicaments de notre enfant.",
            steps: &[
                "Demandez la carte à l'infirmière.",
                "Gardez-la dans le portefeuille ou la coque du téléphone.",
            ],
            care_team: "L'équipe remplit la carte et la change quand les médicaments changent.",
            think_about: "Prenez aussi la carte en photo.",
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demonstration_text_can_be_saved() {
        for idea in &IDEAS {
            for v in &VARIANTS {
                for (words, group) in [(&idea.en, &v.en), (&idea.fr, &v.fr)] {
                    assert_eq!(words.text().problems(), Vec::new(), "{}", words.title);
                    let t = words.for_group(group);
                    assert_eq!(t.problems(), Vec::new(), "{}", t.title);
                }
            }
        }
    }
}
