namespace AtlassianAdmin.Sandbox.Seed
{
    /// <summary>Name pools for seeded people. Kept plain ASCII so emails need no transliteration.</summary>
    internal static class Names
    {
        public static readonly string[] First =
        {
            "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Mia", "James", "Charlotte", "Lucas",
            "Harper", "Mateo", "Evelyn", "Benjamin", "Aria", "Henry", "Chloe", "Leo", "Priya", "Arjun", "Mei", "Hiroshi",
            "Fatima", "Omar", "Lena", "Jonas", "Sofia", "Matteo", "Ingrid", "Lars", "Chiara", "Diego", "Camila", "Mateus",
            "Aisha", "Kwame", "Zara", "Ravi", "Yuki", "Sven", "Hannah", "Daniel", "Grace", "Samuel", "Nora", "Ethan",
            "Isla", "Jack", "Maya", "Lukas", "Elena", "Tomas", "Julia", "Felix", "Clara", "Adam", "Ava", "Max",
        };

        public static readonly string[] Last =
        {
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
            "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
            "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Patel", "Kim", "Chen", "Mueller",
            "Schmidt", "Schneider", "Fischer", "Weber", "Rossi", "Russo", "Ferrari", "Dubois", "Moreau", "Laurent", "Silva",
            "Santos", "Kowalski", "Nowak", "Novak", "Jensen", "Hansen", "Larsen", "Tanaka", "Sato", "Suzuki", "Okafor", "Mensah", "Ali",
        };

        public static readonly string[] Departments = { "Engineering", "Marketing", "Sales", "Finance", "People", "Support", "Operations", "Design", "Legal", "Product" };

        public static readonly string[] Titles = { "Engineer", "Senior Engineer", "Manager", "Analyst", "Designer", "Specialist", "Team Lead", "Coordinator", "Director", "Consultant" };

        public static readonly string[] Zones = { "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata" };

        public static readonly string[] ExternalDomains = { "gmail.com", "outlook.com", "contractor-co.example" };
    }
}
