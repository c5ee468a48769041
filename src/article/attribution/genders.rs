//! Common given names with a usual gender, so `he` and `she` can tell two speakers apart before
//! either has been called `he`/`she` or titled `Ms.`/`spokesman`. Names used for both genders
//! (`Dana`, `Jordan`) are in neither list.

use super::*;

#[rustfmt::skip]
const FEMALE: &[&str] = &[
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa",
    "Nancy", "Betty", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol", "Amanda",
    "Dorothy", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen", "Amy",
    "Angela", "Shirley", "Anna", "Brenda", "Pamela", "Emma", "Nicole", "Helen", "Samantha", "Katherine", "Christine",
    "Debra", "Rachel", "Carolyn", "Janet", "Catherine", "Maria", "Heather", "Diane", "Ruth", "Julie", "Olivia",
    "Joyce", "Virginia", "Victoria", "Kelly", "Lauren", "Christina", "Joan", "Evelyn", "Judith", "Megan", "Andrea",
    "Cheryl", "Hannah", "Jacqueline", "Martha", "Gloria", "Teresa", "Ann", "Anne", "Sara", "Madison", "Frances",
    "Kathryn", "Janice", "Jean", "Abigail", "Alice", "Judy", "Sophia", "Grace", "Denise", "Amber", "Doris",
    "Marilyn", "Danielle", "Beverly", "Isabella", "Theresa", "Diana", "Natalie", "Brittany", "Charlotte", "Marie",
    "Kayla", "Alexis", "Lori", "Ana", "Rosa", "Carmen", "Lucia", "Elena", "Isabel", "Gabriela", "Adriana", "Alejandra",
    "Veronica", "Yolanda", "Guadalupe", "Claudia", "Leticia", "Marisol", "Mariela", "Graciela", "Araceli", "Yesenia",
    "Lorena", "Yadira", "Luisa", "Karla", "Alma", "Pilar", "Sofia", "Sofía", "Valeria", "Paola", "Daniela",
    "Fernanda", "Beatriz", "Silvia", "Norma", "Irma", "Rocío", "Lupita", "Consuelo", "Esperanza", "Inés", "Raquel",
    "Gretchen", "Rosalind", "Lorraine", "Darla", "Darlene", "Naomi", "Helena", "Harriet", "Janelle", "Camille",
    "Celeste", "Gwendolyn", "Wilhelmina", "Bridget", "Tamsin", "Leonora", "Rosaura", "Kendra", "Yvonne", "Yvette",
    "Alicia", "Beth", "Vanessa", "Monica", "Mónica", "Erica", "Erika", "Tina", "Tracy", "Wendy", "Lillian", "Irene",
    "Eleanor", "Ellen", "Jill", "Joanne", "Peggy", "Peg", "Rita", "Dolores", "Maribel", "Marisela", "Nadia", "Nadine",
    "Ramona", "Sonia", "Susana", "Tatiana", "Iris", "Ivy", "Hazel", "Holly", "Jasmine", "Jazmín", "Jocelyn", "Kate",
    "Katie", "Kristen", "Leah", "Lydia", "Mariah", "Miriam", "Molly", "Paula", "Priscilla", "Rachael", "Regina",
    "Renee", "Sylvia", "Tanya", "Valerie", "Vivian", "Whitney", "Yasmin", "Zoe", "Linnea", "Ingrid", "Astrid",
    "Corinne", "Evangeline", "Lidia", "Teodora", "Aurelia", "Mercedes", "Gladys", "Edith", "Agnes", "Ilana",
];

#[rustfmt::skip]
const MALE: &[&str] = &[
    "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Charles",
    "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua", "Kenneth",
    "Kevin", "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary",
    "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel",
    "Gregory", "Alexander", "Frank", "Patrick", "Raymond", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Jose",
    "José", "Adam", "Nathan", "Henry", "Douglas", "Zachary", "Peter", "Kyle", "Ethan", "Walter", "Noah", "Jeremy",
    "Christian", "Keith", "Roger", "Terry", "Gerald", "Harold", "Sean", "Austin", "Carl", "Arthur", "Lawrence",
    "Dylan", "Jesse", "Bryan", "Joe", "Jordan", "Billy", "Bruce", "Albert", "Willie", "Gabriel", "Logan", "Alan",
    "Juan", "Wayne", "Roy", "Ralph", "Randy", "Eugene", "Vincent", "Russell", "Elijah", "Louis", "Bobby", "Philip",
    "Phil", "Johnny", "Luis", "Carlos", "Miguel", "Jorge", "Pedro", "Ramon", "Ramón", "Raúl", "Raul", "Rafael",
    "Hector", "Héctor", "Alfonso", "Alvin", "Arturo", "Enrique", "Esteban", "Fernando", "Francisco", "Javier",
    "Jesús", "Julio", "Manuel", "Mario", "Ricardo", "Roberto", "Rodrigo", "Sergio", "Tomás", "Tomas", "Victor",
    "Efraín", "Wilmer", "Yonathan", "Teodoro", "Elvin", "Aurelio", "Isaac", "Emmanuel", "Malik", "Marcus", "Wesley",
    "Wes", "Kurt", "Curt", "Curtis", "Dale", "Glen", "Glenn", "Doug", "Lyle", "Lance", "Neil", "Owen", "Len",
    "Travis", "Wade", "Grady", "Buddy", "Bart", "Brock", "Harlan", "Gordon", "Jim", "Tom", "Ray", "Ron", "Dave",
    "Mitch", "Greg", "Nathaniel", "Franklin", "Lionel", "Russ", "Warren", "Wyatt", "Lamar", "Mike", "Bill", "Bob",
    "Tim", "Ted", "Ken", "Rick", "Ricky", "Steve", "Chris", "Matt", "Nick", "Dan", "Danny", "Sam", "Ben", "Andy",
    "Tony", "Eddie", "Ed", "Fred", "Howard", "Leonard", "Martin", "Stanley", "Earl", "Clarence", "Ernest",
    "Norman", "Herbert", "Melvin", "Marvin", "Glen", "Calvin", "Dwight", "Clifford", "Lloyd", "Floyd", "Leon",
    "Oscar", "Hugo", "Ivan", "Felix", "Omar", "Abdul", "Ahmed", "Mohammed", "Muhammad", "Chidi", "Kwame", "Emeka",
    "Dariel", "Yusuf", "Xavier", "Jeff", "Gregg", "Kirk", "Clay", "Todd", "Brett", "Chad", "Derek", "Shane", "Troy",
];

/// The usual gender of a person's first given name, when it has one.
pub(super) fn gender_of_name(words: &[String]) -> Option<Gender> {
    let first = words.first().filter(|_| words.len() > 1)?;
    if FEMALE.contains(&first.as_str()) {
        Some(Gender::Female)
    } else if MALE.contains(&first.as_str()) {
        Some(Gender::Male)
    } else {
        None
    }
}
