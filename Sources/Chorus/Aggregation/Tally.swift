/// Who answered what: the workers grouped by their normalised final answer.
///
/// Part of every aggregation record, so a reader can see the majority, the minority and ties
/// whatever strategy produced the output.
public struct Tally: Sendable, Codable, Hashable {
    public struct Group: Sendable, Codable, Hashable {
        /// The normalised answer the group shares ("paris", "12").
        public var answer: String
        /// The group's most typical final answer (`typical`: the form most members wrote, a
        /// name's case before all caps), without a hedging opener, in its reading form
        /// (`AnswerExtraction.readingForm`: no invisible characters, compatibility forms folded).
        /// Records made before issue 15 hold the first worker's.
        public var display: String
        /// Worker indices (from 0), ascending.
        public var workers: [Int]
        /// What each worker of the group said, in the order of `workers`: its final answer (exact
        /// groups) or its first sentence (overlap groups), in reading form. Views list these, so
        /// a group that holds "389" and "17 * 23 = 389" shows both, never one "e.g.". Empty in
        /// records made before it was added (issue 14): views then show `display`.
        public var answers: [String]
        /// The group's answer names two candidates ("Paris or Lyon", "either 12 or 13"): it is a
        /// vote for neither, never a clear winner, and reasons say so. False in older records.
        public var hedged: Bool
        public var count: Int { workers.count }

        public init(answer: String, display: String, workers: [Int], answers: [String] = [], hedged: Bool = false) {
            self.answer = answer
            self.display = display
            self.workers = workers
            self.answers = answers
            self.hedged = hedged
        }

        /// The mark a group that names two candidates carries wherever it is shown.
        public static let hedgedMarker = "[names two answers: a vote for neither]"

        /// How every view names the group (reasons, summaries, the agreement view, the Markdown
        /// report, prompts): its display, and when it names two candidates, that it counts for
        /// neither. The one place a group's name is rendered.
        public var named: String { shown(display) }

        /// `text` (the display, or one member's answer) as a view shows it for this group: with
        /// `hedgedMarker` after it when the group names two candidates.
        public func shown(_ text: String) -> String { hedged ? "\(text) \(Self.hedgedMarker)" : text }

        /// Each distinct thing the group's workers said, with who said it, in first-seen order;
        /// `display` for all of them when the record has no `answers`.
        public var distinctAnswers: [(text: String, workers: [Int])] {
            guard answers.count == workers.count else { return [(display, workers)] }
            var out: [(text: String, workers: [Int])] = []
            for (text, worker) in zip(answers, workers) {
                if let i = out.firstIndex(where: { $0.text == text }) {
                    out[i].workers.append(worker)
                } else {
                    out.append((text, [worker]))
                }
            }
            return out
        }

        enum CodingKeys: String, CodingKey { case answer, display, workers, count, answers, hedged }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                answer: try c.decode(String.self, forKey: .answer),
                display: try c.decode(String.self, forKey: .display),
                workers: try c.decode([Int].self, forKey: .workers),
                answers: try c.decodeIfPresent([String].self, forKey: .answers) ?? [],
                hedged: try c.decodeIfPresent(Bool.self, forKey: .hedged) ?? false)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(answer, forKey: .answer)
            try c.encode(display, forKey: .display)
            try c.encode(workers, forKey: .workers)
            try c.encode(count, forKey: .count)
            if !answers.isEmpty { try c.encode(answers, forKey: .answers) }
            if hedged { try c.encode(true, forKey: .hedged) }
        }
    }

    /// How the groups were made.
    public enum Method: String, Sendable, Codable, Hashable {
        /// Equal normalised final answers (short answers).
        case exact
        /// Answers sharing enough key words (long answers, where exact equality means nothing).
        case overlap
    }

    /// Largest group first; equal sizes by the lowest worker index, so the order is stable.
    public var groups: [Group]
    public var method: Method

    public init(groups: [Group], method: Method = .exact) {
        self.method = method
        self.groups = groups.sorted { a, b in
            a.count != b.count ? a.count > b.count : (a.workers.first ?? 0) < (b.workers.first ?? 0)
        }
    }

    enum CodingKeys: String, CodingKey { case groups, method }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            groups: try c.decode([Group].self, forKey: .groups),
            method: try c.decodeIfPresent(Method.self, forKey: .method) ?? .exact)
    }

    /// The largest group when it holds more than half of the answers and names one answer. A
    /// group whose answer names two candidates ("Paris or Lyon") is a vote for neither, so it is
    /// never a majority, however many workers hedged the same way (issue 15: a view said
    /// "Majority: 2 of 3 answers agree" and flagged the merge "≠ majority" for "Paris or Lyon").
    public var strictMajority: Group? {
        guard let first = groups.first, !first.hedged, first.count * 2 > total else { return nil }
        return first
    }

    /// The groups sharing the top count when more than one does; empty otherwise.
    public var tied: [Group] {
        guard let top = groups.first?.count else { return [] }
        let leaders = groups.filter { $0.count == top }
        return leaders.count > 1 ? leaders : []
    }

    public var isTie: Bool { !tied.isEmpty }

    /// The single largest group, or nil on a tie, with no answers, or when the largest group
    /// names two candidates (a vote for neither, never a winner; `hedgedLead`).
    public var winner: Group? { isTie || groups.first?.hedged == true ? nil : groups.first }

    /// The largest group when it is alone at the top and names two candidates: the reason
    /// there is no winner without a tie.
    public var hedgedLead: Group? {
        guard !isTie, let first = groups.first, first.hedged else { return nil }
        return first
    }

    /// The most workers that agree on one answer: the largest group that names one answer
    /// (a hedged group agrees on neither). What an early quorum of agreeing workers counts.
    public var largestAgreeing: Int { groups.filter { !$0.hedged }.map(\.count).max() ?? 0 }

    /// Total number of answers counted.
    public var total: Int { groups.reduce(0) { $0 + $1.count } }

    /// One line per group, for prompts and the UI: "2 of 3 answers say: paris (workers 1, 3)", or
    /// for overlap groups "2 of 3 answers agree (workers 1, 2), e.g.: Keep one service".
    public var summary: String {
        groups.map { g in
            let who = "worker\(g.count == 1 ? "" : "s") " + g.workers.map { String($0 + 1) }.joined(separator: ", ")
            switch method {
            case .exact: return "\(g.count) of \(total) answers say: \(g.named) (\(who))"
            case .overlap:
                return g.count == 1
                    ? "1 of \(total) answers stands alone (\(who)): \(g.display)"
                    : "\(g.count) of \(total) answers agree (\(who)), e.g.: \(g.display)"
            }
        }.joined(separator: "\n")
    }
}
