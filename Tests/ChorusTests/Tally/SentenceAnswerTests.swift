@testable import Chorus
import Testing

/// Issue 15: final answers read out of sentence-shaped answers, one row per shape a small model
/// writes (the eval's "full sentence" prompt style, the eight workers). Each row gives
/// the text, the task, what the tally shows (`final`) and what it counts (`key`).
@Suite("Final answers from sentences, one row per shape")
struct SentenceAnswerTests {
    static let multiply = "What is 17 * 23?"
    static let australia = "What is the capital of Australia?"
    static let everest = "How tall is Mount Everest in metres?"
    static let independence = "When was the Declaration of Independence adopted?"
    static let motion = "Who formulated the laws of motion?"
    static let earth = "Is the Earth round?"
    static let planets = "Which planet is known as the Red Planet?\nA) Venus\nB) Mars\nC) Jupiter\nD) Saturn"
    static let inline = "Which planet is known as the Red Planet? (A) Venus (B) Mars (C) Jupiter"

    static func read(_ text: String, _ task: String) -> ExtractedAnswer {
        AnswerExtraction.extract(text, in: AnswerTask(task))
    }

    @Test("the one number in a sentence; the task's own numbers are not candidates", arguments: [
        ("17 * 23 = 389", multiply, "389", "389"),
        ("17 * 23 = 396.", multiply, "396", "396"),
        ("17*23=391", multiply, "391", "391"),
        ("I think it's 389.", multiply, "389", "389"),
        ("The answer is 380", multiply, "380", "380"),
        ("The product of 17 and 23 is 391.", multiply, "391", "391"),
        ("Approximately 391", multiply, "391", "391"),
        ("There are 12 apples in the basket.", "How many apples are in the basket?", "12", "12"),
        ("Apollo 11", "Which mission first landed people on the Moon?", "Apollo 11", "apollo 11"),
        ("7", "What is 49 divided by 7?", "7", "7"),
        // A quantity asked for: the one number wherever it stands (eval, bare style).
        ("A spider has eight legs, but only two body parts are named.", "How many legs does a spider have?", "8", "8"),
        ("The spider has 8 legs.", "How many legs does a spider have?", "8", "8"),
        ("Neil Armstrong landed in 1969.", "In which year did people first land on the Moon?", "1969", "1969"),
    ])
    func oneNumber(text: String, task: String, final: String, key: String) {
        let x = Self.read(text, task)
        #expect(x.final == final)
        #expect(x.key == key)
        #expect(x.isShort)
    }

    static let hexagon = "How many sides does a hexagon have?"
    static let hour = "How many minutes are in an hour?"
    static let addition = "What is 3 + 5?"

    /// The eval's bare style (issue 15): the local model answers a quantity inside a sentence
    /// about something else, or with "one" as a determiner beside the number.
    @Test("a quantity question: the one number the sentence gives, before \"X is Y\"", arguments: [
        ("The hexagon is a polygon with six sides, but it's actually an equilateral triangle.", hexagon, "6"),
        ("A hexagon has 6 sides, which is the defining characteristic of a regular polygon. The number of sides can be found by a formula.", hexagon, "6"),
        ("One hour is equal to 30 minutes.", hour, "30"),
        ("1 hour is equal to 60 minutes.", hour, "60"),
        ("1 kilogram is 1000 grams.", "How many grams are in a kilogram?", "1000"),
        ("In a typical hour, there are 60 minutes.", hour, "60"),
        ("It is not 50, it is 60 minutes.", hour, "60"),
        // Two numbers: not reduced to one (read as before).
        ("An hour has 60 minutes or 3,600 seconds.", hour, "has 60 or 3600 seconds"),
    ])
    func theNumberAsked(text: String, task: String, key: String) {
        #expect(Self.read(text, task).key == key)
    }

    /// Several lines and no marker: the last line that plainly answers, since a small model
    /// answers first and rambles after, while a chain of reasoning ends with its conclusion and
    /// a reply may open with a pleasantry (the fresh-user trial's rows); the last line that is
    /// not talk when none plainly answers.
    @Test("several lines: the last that plainly answers, else the last that is not talk", arguments: [
        ("3 + 5 = 8\n\nThis is a classic example of how adding integers can surprise.", addition, "8"),
        ("3 + 5 = 8\nThe answer is not a number.", addition, "8"),
        ("The capital of Australia is Canberra.\nSydney is the largest city, though.", australia, "canberra"),
        ("17 * 23 = 17 * 20 + 17 * 3\n= 340 + 51\n= 391", multiply, "391"),
        ("Let me think.\nFirst, 17 * 20 = 340.\nSo it is 391.", multiply, "391"),
        ("Some thoughts on cities.\nCanberra", australia, "canberra"),
        ("17 * 23 = 381\nWait, let me recheck: 17 * 20 = 340 and 17 * 3 = 51, so 17 * 23 = 391.", multiply, "391"),
        ("There are 60 minutes in an hour.\nSo 3 hours have 180 minutes.", "How many minutes are in 3 hours?", "180"),
        ("A hexagon is a polygon.\nIt has 6 sides.", hexagon, "6"),
        ("Tom starts with 5 apples.\nHe gives away 2.\n5 - 2 = 3.\nTom has 3 apples left.",
         "Tom has 5 apples and gives away 2. How many apples does Tom have left?", "3"),
        ("Botanically, a tomato is a berry.\nSo yes, it is a fruit.", "Is a tomato a fruit?", "yes"),
        ("Of course.\n\n42", "What is 6 * 7?", "42"),
        ("Of course!\n6 * 7 = 42.", "What is 6 * 7?", "42"),
        ("Great question!\nThe capital of France is Paris.", "What is the capital of France?", "paris"),
        ("Certainly.\nParis.", "What is the capital of France?", "paris"),
        // Working: the last step's result (the trial's numbered steps).
        ("17 * 20 = 340\n17 * 3 = 51\n340 + 51 = 391", multiply, "391"),
        ("Step 1: 17 x 20 = 340\nStep 2: 17 x 3 = 51\nStep 3: 340 + 51 = 391", multiply, "391"),
        ("First: 17 * 20 = 340, then 17 * 3 = 51, and 340 + 51 = 391.", multiply, "391"),
    ])
    func lastAnsweringLine(text: String, task: String, key: String) {
        #expect(Self.read(text, task).key == key)
    }

    /// A reply that only says what the answer is not gives no answer: its key is empty, and two
    /// of them never make a group (the trial's "2 of 3 agree (The answer is not a number)").
    @Test func aReplyThatOnlyDeniesGivesNoAnswerAndAgreesWithNothing() {
        let task = "What is 6 * 7?"
        #expect(Self.read("The answer is not a number.", task).key == "")
        #expect(Self.read("It is not 41.", task).key == "")
        let answers = ["The answer is not a number.", "42", "The answer is not a number."].enumerated().map {
            Answer(worker: $0.offset, label: "\($0.offset + 1)", text: $0.element)
        }
        let input = AggregationInput(task: task, answers: answers)
        #expect(input.tally.groups.map(\.count) == [1, 1, 1])
        #expect(input.clearWinner == nil)
    }

    /// Numbers that differ must not meet as one (the trial's rows): the sign, a fraction's
    /// value, a magnitude word.
    @Test("signs, fractions and magnitudes keep different numbers apart", arguments: [
        ("−3", "What is 5 - 8?", "-3"),
        ("5 - 8 = −3", "What is 5 - 8?", "-3"),
        ("Minus three.", "What is 5 - 8?", "-3"),
        ("The result is negative 3.", "What is 5 - 8?", "-3"),
        ("3/4", "What is 1/2 + 1/4?", "0.75"),
        ("The answer is 3/4.", "What is 1/2 + 1/4?", "0.75"),
        ("0.75", "What is 1/2 + 1/4?", "0.75"),
        ("About 8 billion.", "What is the population of the Earth?", "8000000000"),
        ("8 million", "What is the population of the Earth?", "8000000"),
        ("2.1 million", "What is the population of the Earth?", "2100000"),
        ("2,100,000", "What is the population of the Earth?", "2100000"),
    ])
    func signsFractionsMagnitudes(text: String, task: String, key: String) {
        #expect(Self.read(text, task).key == key)
    }

    @Test("openers that hedge or join are not the answer", arguments: [
        ("The fastest land animal is likely the cheetah.", "What is the fastest land animal?", "cheetah"),
        ("The fastest land animal is most likely the cheetah.", "What is the fastest land animal?", "cheetah"),
        ("The largest planet is actually Jupiter.", "What is the largest planet?", "jupiter"),
        ("However, the capital of Australia is Canberra.", australia, "canberra"),
        ("The answer is not a number. Canberra.", australia, "canberra"),
        ("Presumably Paris.", "What is the capital of France?", "paris"),
        ("Clearly, Paris.", "What is the capital of France?", "paris"),
        ("Surely Paris", "What is the capital of France?", "paris"),
        ("Well, Paris.", "What is the capital of France?", "paris"),
        ("Hence Paris.", "What is the capital of France?", "paris"),
    ])
    func openers(text: String, task: String, key: String) {
        #expect(Self.read(text, task).key == key)
    }

    @Test("the object of \"X is Y\" when X repeats the question, the subject when Y does", arguments: [
        ("The capital of Australia is Canberra.", australia, "Canberra", "canberra"),
        ("Canberra is the capital of Australia.", australia, "Canberra", "canberra"),
        ("It is Canberra.", australia, "Canberra", "canberra"),
        ("Australia's capital is Canberra, a planned city.", australia, "Canberra", "canberra"),
        ("The capital of Australia is Canberra. Sydney is the largest city.", australia, "Canberra", "canberra"),
        ("The tallest mountain in the world is Mount Everest, with a height of 8,849 m.",
         "What is the tallest mountain in the world?", "Mount Everest", "mount everest"),
        ("The capital of France is Paris, a city of 2 million.", "What is the capital of France?", "Paris", "paris"),
        // The local model's openings (eval, bare style): noise first, the answer after it.
        ("La Faméliaux, the capital of France is Paris.", "What is the capital of France?", "Paris", "paris"),
        ("L'Étoile, la Marseillaise. Paris is the capital of France and a major European city.",
         "What is the capital of France?", "Paris", "paris"),
        ("Red Planet: Europa", "Which planet is known as the Red Planet?", "Europa", "europa"),
        ("Bonjour, I am delighted to inform you that the capital of France is Paris. However, it is also big.",
         "What is the capital of France?", "Paris", "paris"),
    ])
    func subjectOrObject(text: String, task: String, final: String, key: String) {
        let x = Self.read(text, task)
        #expect(x.final == final)
        #expect(x.key == key)
        #expect(x.isShort, "a sentence whose final answer is short is counted exactly")
    }

    @Test("the bolded or quoted span", arguments: [
        ("It is **Canberra**, not Sydney.", australia, "Canberra", "canberra"),
        ("The word you want is “serendipity”.", "Which word means a happy accident?", "serendipity", "serendipity"),
        ("I would say \"Canberra\" here.", australia, "Canberra", "canberra"),
    ])
    func marked(text: String, task: String, final: String, key: String) {
        let x = Self.read(text, task)
        #expect(x.final == final)
        #expect(x.key == key)
    }

    @Test("never a line that only talks about the answer: the answer is in the other lines", arguments: [
        ("Canberra.\nI hope this helps!", australia, "Canberra"),
        ("389\nLet me know if you need anything else.", multiply, "389"),
        ("It is 389.\nThe answer is just a number.", multiply, "389"),
        ("The answer is simple: 389", multiply, "389"),
        ("Here is the answer:\n\n389", multiply, "389"),
        ("389\n\nFeel free to ask more questions.", multiply, "389"),
    ])
    func talk(text: String, task: String, final: String) {
        #expect(Self.read(text, task).final == final)
        #expect(AnswerExtraction.key(AnswerExtraction.finalAnswer(text), task: task) == final.lowercased())
    }

    @Test("negations: what the answer is not is never it", arguments: [
        ("Not 12, but 13.", "What is 5 + 8?", "13"),
        ("The answer is not 12 but 13.", "What is 5 + 8?", "13"),
        ("It is not Sydney, it is Canberra.", australia, "canberra"),
        ("It's not Sydney; it's Canberra.", australia, "canberra"),
        ("The capital of India is New Delhi, not Mumbai.", "What is the capital of India?", "new delhi"),
    ])
    func negation(text: String, task: String, key: String) {
        #expect(Self.read(text, task).key == key)
    }

    @Test("units and a trailing full stop do not split a group", arguments: [
        ("8,849 m", everest), ("8849 metres", everest), ("8849.", everest), ("8849", everest),
        ("Mount Everest is 8,849 metres tall.", everest), ("It is about 8,849 m.", everest),
    ])
    func units(text: String, task: String) {
        #expect(Self.read(text, task).key == "8849")
    }

    @Test("answers that name two candidates are a vote for neither", arguments: [
        ("Paris or Lyon", "Which city hosts the summit?", "paris or lyon"),
        ("It is either 12 or 13.", "What is 5 + 8?", "12 or 13"),
        ("Either 12 or 13", "What is 5 + 8?", "12 or 13"),
    ])
    func twoCandidates(text: String, task: String, key: String) {
        let x = Self.read(text, task)
        #expect(x.key == key)
        #expect(x.hedged)
        #expect(!Self.read("12", task).hedged)
    }

    @Test("dates written three ways are one date", arguments: [
        "July 4, 1776", "4 July 1776", "July 4th, 1776", "4th of July, 1776", "It was adopted on July 4, 1776.",
        "The Declaration of Independence was adopted on 4 July 1776.",
    ])
    func dates(text: String) {
        #expect(Self.read(text, Self.independence).key == "1776-07-04")
    }

    @Test("names with titles: the title goes, a monarch's ordinal stays", arguments: [
        ("Sir Isaac Newton", motion, "isaac newton"), ("Isaac Newton", motion, "isaac newton"),
        ("It was Sir Isaac Newton.", motion, "isaac newton"), ("Dr. Isaac Newton", motion, "isaac newton"),
        ("King George III", "Who was king of Britain in 1776?", "george iii"),
        ("George III", "Who was king of Britain in 1776?", "george iii"),
        ("Queen Elizabeth II", "Who was crowned in 1953?", "elizabeth ii"),
        ("St. Augustine", "Who wrote the Confessions?", "augustine"),
    ])
    func titles(text: String, task: String, key: String) {
        #expect(Self.read(text, task).key == key)
    }

    @Test("yes and no", arguments: [
        ("Yes, it is.", earth, "yes"), ("yes", earth, "yes"), ("Yes it is", earth, "yes"), ("No.", earth, "no"),
        ("No, it is not.", earth, "no"), ("Yes. The Earth is round.", earth, "yes"),
    ])
    func yesNo(text: String, task: String, key: String) {
        #expect(Self.read(text, task).key == key)
    }

    @Test("multiple choice: the letter, the letter with its option, the option's text", arguments: [
        ("B", planets), ("(B) Mars", planets), ("The answer is B) Mars.", planets), ("Mars", planets), ("b.", planets),
        ("Option B", planets), ("**B**", planets), ("B", inline), ("(B) Mars", inline), ("Mars", inline),
    ])
    func choice(text: String, task: String) {
        #expect(Self.read(text, task).key == "option b")
    }

    static let kangaroo = "Which country is home to the kangaroo? A) Brazil B) Australia C) Canada D) India"
    static let pentagon = "How many sides does a pentagon have? A) 4 B) 5 C) 6 D) 8"
    static let gas = "Which gas makes up most of the Earth's atmosphere? A) Oxygen B) Nitrogen C) Carbon dioxide D) Argon"

    /// The eval's bare style (issue 15): a lettered question answered in a sentence. The option
    /// the sentence names is its answer, wherever it stands, and it shows as the task lists it.
    @Test("multiple choice in a sentence: the option it names, shown as the task lists it", arguments: [
        ("The kangaroo is a marsupial native to Australia.", kangaroo, "option b", "B) Australia"),
        ("The kangaroo is found in Australia.", kangaroo, "option b", "B) Australia"),
        ("B) Australia", kangaroo, "option b", "B) Australia"),
        ("The answer is: D) India", kangaroo, "option d", "D) India"),
        // The number a quantity question asks for is an option's text: option B, not "a polygon".
        ("A pentagon is a polygon with 5 sides, making it a classic example of a regular polygon.", pentagon, "option b", "B) 5"),
        ("A pentagon has a total of 6 sides.", pentagon, "option c", "C) 6"),
        // The letter and its own text agree: one option, not "the most abundant gas...".
        ("A) Oxygen is the most abundant gas in Earth's atmosphere, accounting for 21% of it.", gas, "option a", "A) Oxygen"),
        // A negated clause names nothing.
        ("The atmosphere is mostly Nitrogen, not Oxygen.", gas, "option b", "B) Nitrogen"),
        ("The Red Planet is Mars, not Venus.", planets, "option b", "B) Mars"),
        ("Mars is redder than Venus.", planets, "option b", "B) Mars"),
        // The first sentence that names an option decides; a later one is talk.
        ("I would say Canada. Australia is a continent too.", kangaroo, "option c", "C) Canada"),
        // Several lines: the first line that names an option is the pick; the rest explains.
        ("B) Australia\n\nIt is often confused with India.", kangaroo, "option b", "B) Australia"),
        ("Australia.\nBrazil has no kangaroos.", kangaroo, "option b", "B) Australia"),
        // A trial's shapes: the bare letter, the letter after a marker with a reason after it,
        // the pick named before a comparison.
        ("A", planets, "option a", "A) Venus"), ("**B**", planets, "option b", "B) Mars"),
        ("The answer is A.", planets, "option a", "A) Venus"), ("I'd go with option B.", planets, "option b", "B) Mars"),
        ("The answer is B because Venus is yellow.", planets, "option b", "B) Mars"),
        ("Nitrogen is more abundant than oxygen.", gas, "option b", "B) Nitrogen"),
        ("Nitrogen (78%), followed by oxygen (21%).", gas, "option b", "B) Nitrogen"),
        ("B) Nitrogen; oxygen is second.", gas, "option b", "B) Nitrogen"),
        // One option's text inside another's: the longest match is the mention.
        ("Red blood cells carry oxygen.", "Which of these carries oxygen? A) Red B) Red blood cells C) Plasma", "option b", "B) Red blood cells"),
        // Options written inline with commas and "or": their texts are the options alone.
        ("Mars", "Which planet is red: A) Venus, B) Mars, or C) Jupiter?", "option b", "B) Mars"),
    ])
    func choiceInASentence(text: String, task: String, key: String, final: String) {
        let x = Self.read(text, task)
        #expect(x.key == key)
        #expect(x.final == final)
        #expect(!x.hedged)
    }

    @Test("multiple choice: a sentence naming two options is a vote for neither", arguments: [
        // A letter and another option's text contradict each other.
        ("A) Mercury is the smallest planet.", "Which is the smallest planet? A) Mars B) Mercury C) Venus D) Earth", "option a or option b"),
        ("Oxygen or Nitrogen, I am not sure.", gas, "option a or option b"),
        ("Either Brazil or India.", kangaroo, "option a or option d"),
        ("A) Mars is red.", planets, "option a or option b"),
    ])
    func twoOptions(text: String, task: String, key: String) {
        let x = Self.read(text, task)
        #expect(x.key == key)
        #expect(x.hedged)
        // Two such answers are never a clear group: a hedge is a vote for neither.
        let answers = [text, text, "B) Australia"].enumerated().map { Answer(worker: $0.offset, label: "\($0.offset + 1)", text: $0.element) }
        #expect(AggregationInput(task: task, answers: answers).clearWinner == nil)
    }

    @Test("without options in the task, a letter is only a letter")
    func noOptions() {
        #expect(Self.read("B", "Which letter comes after A?").key == "b")
        #expect(Self.read("Mars", Self.australia).key == "mars")
        #expect(Self.read("C", Self.planets).key == "option c")
    }

    @Test("paragraphs and essays are not counted exactly unless they say where their answer is")
    func shortAndLong() {
        let paragraph = Array(repeating: "Microservices multiply the deployment and monitoring work that a small team must carry every week.", count: 4)
            .joined(separator: " ")
        #expect(!Self.read(paragraph, "Should we split the monolith?").isShort)
        #expect(Self.read(paragraph + "\nThe answer is no.", "Should we split the monolith?").isShort)
        #expect(Self.read(paragraph + "\nThe answer is no.", "Should we split the monolith?").key == "no")
        let essay = Array(repeating: paragraph, count: 2).joined(separator: "\n\n")
        #expect(Self.read(essay, "Should we split the monolith?").isEssay)
        #expect(!Self.read(paragraph, "Should we split the monolith?").isEssay)
    }

    /// Found by a trial: "I think Lyon" did not group with "Lyon" while "Probably Lyon." did, and
    /// showed as "Probably Lyon". A hedging opener is neither the key nor the display.
    @Test("hedging openers are not part of the answer", arguments: [
        ("I think Lyon", "Lyon", "lyon"),
        ("I believe Lyon.", "Lyon", "lyon"),
        ("Probably Lyon.", "Lyon", "lyon"),
        ("Maybe Lyon", "Lyon", "lyon"),
        ("Perhaps, Lyon", "Lyon", "lyon"),
        ("It's Lyon.", "Lyon", "lyon"),
        ("It’s Lyon.", "Lyon", "lyon"),
        ("I think it's probably Lyon", "Lyon", "lyon"),
        ("I guess Lyon or Paris", "Lyon or Paris", "lyon or paris"),
        ("Lyon", "Lyon", "lyon"),
        ("Maybe", "Maybe", "maybe"),
        ("I think 389", "389", "389"),
        ("Probably yes.", "yes", "yes"),
    ])
    func hedgingOpeners(text: String, final: String, key: String) {
        let x = Self.read(text, "Which city hosts the summit?")
        #expect(x.key == key)
        #expect(x.final == final)
        #expect(x.isShort)
    }
}

@Suite("Essays: only a marked or definite answer is counted exactly")
struct EssayAnswerTests {
    static let sentence = "Caching at the edge keeps latency predictable and shields the **key point** of the design from bursts."

    @Test func boldInAnEssayIsEmphasisNotAnAnswer() {
        let essay = Array(repeating: Self.sentence, count: 8).joined(separator: " ")
        let x = AnswerExtraction.extract(essay, in: AnswerTask("How do we keep latency low?"))
        #expect(x.isEssay)
        #expect(!x.isShort)
        let short = AnswerExtraction.extract(Self.sentence, in: AnswerTask("How do we keep latency low?"))
        #expect(short.isShort && short.key == "key point", "outside an essay the bold span is the answer")
    }

    @Test func anEssaysAnswerIsReadAtItsEnd() {
        let body = Array(repeating: Self.sentence + "\n", count: 400).joined()
        #expect(body.utf8.count > AnswerExtraction.essayTailBytes * 8)
        let task = AnswerTask("What is 17 * 23?")
        let marked = AnswerExtraction.extract(body + "So the final answer is 391.", in: task)
        #expect(marked.isEssay && marked.isShort && marked.key == "391")
        let number = AnswerExtraction.extract(body + "\n**391**", in: task)
        #expect(number.isShort && number.key == "391", "a definite key (a number) in bold counts")
        // Reading only the end never splits a character: a tail that starts mid-line starts on a scalar.
        let accented = String(repeating: "é", count: 5000)
        #expect(AnswerExtraction.tail(of: accented, bytes: 4095).unicodeScalars.allSatisfy { $0 == "é" })
    }
}
