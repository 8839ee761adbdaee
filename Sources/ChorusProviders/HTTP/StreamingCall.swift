import AsyncHTTPClient
import Chorus
import Foundation
import NIOCore

/// One chat completion over HTTP, streamed: send, retry before the first text, read the event
/// stream, turn failures into `ProviderError`s. The same for every wire format.
///
/// Cancellation: the work runs in a task that the returned stream cancels when its consumer
/// goes away (the engine's deadline or idle limit, the user's `c`). Cancelling it interrupts
/// whatever is pending (connecting, waiting for the head, reading the body, sleeping before a
/// retry), and AsyncHTTPClient then closes the connection, so the server stops generating.
///
/// When a connection breaks mid-body, AsyncHTTPClient may drop the last body parts it had
/// not handed over yet, so the text before such an error can be shorter than what the server
/// sent. Those parts never reached the worker, so "retry only before the first text" still
/// cannot show any text twice.
///
/// A 400 that refuses a parameter the request can go without (a reasoning model's temperature,
/// `max_tokens`, a server without `stream_options`) sends the request again without it, once
/// per parameter and outside the retry budget, and yields `ChatChunk.notApplied` for the
/// record (`ParameterRefusal`); what the wire knows in advance (`ModelQuirks`) is left out of
/// the first request and recorded the same way.
///
/// `ChatChunk.retrying(attempt:reason:)` carries the number of the HTTP attempt about to be
/// made (2 for the first retry) and a reason such as "HTTP 429 rate limited, retry 1 of 2 in 2 s".
struct StreamingCall<Wire: WireFormat>: Sendable {
    let model: HTTPChatModel<Wire>

    /// Bodies of failed responses are read up to this size for the server's message.
    static var errorBodyLimit: Int { 64 * 1024 }
    /// Whole (non-streamed) JSON answers are read up to this size.
    static var wholeBodyLimit: Int { 16 * 1024 * 1024 }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatChunk.self, throwing: (any Error).self)
        let task = Task {
            await run(request, continuation: continuation)
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private enum Outcome {
        case finished
        case cancelled
        case failed(ProviderError, RetryHint, textStarted: Bool)
        /// The server refused a parameter the request can go without (`ParameterRefusal`):
        /// send it again without it, outside the retry budget.
        case resend(notApplied: RequestAdjustments.NotApplied)
    }

    private func run(_ chat: ChatRequest, continuation: AsyncThrowingStream<ChatChunk, any Error>.Continuation) async {
        let path = model.endpoint.chatPath
        let context = ErrorContext(settings: model.settings, endpoint: model.endpoint, path: path, model: chat.model)
        var request = HTTPClientRequest(url: model.endpoint.requestURL(path))
        request.method = .POST
        for (name, value) in model.requestHeaders {
            request.headers.add(name: name, value: value)
        }
        // Ask for an uncompressed body: a compressing server or proxy may hold back a stream's
        // events to fill its buffer. One that compresses anyway is decoded (`ContentEncoding`).
        if !request.headers.contains(name: "accept-encoding") {
            request.headers.add(name: "accept-encoding", value: "identity")
        }
        // What the request goes without (known model quirks, then refusals), each recorded once.
        var refusal = ParameterRefusal(planned: model.wire.plannedAdjustments(for: chat))
        let memory = model.http.refusals
        let server = model.endpoint.requestURL(path)
        refusal.adopt(memory.refusals(url: server, model: chat.model))
        for note in refusal.adjustments.notApplied {
            continuation.yield(.notApplied(setting: note.setting, reason: note.reason))
        }

        var retry = RetryStateMachine(policy: model.settings.retry)
        while true {
            do {
                request.body = .bytes(ByteBuffer(bytes: try model.wire.requestBody(for: chat, adjustments: refusal.adjustments)))
            } catch {
                continuation.finish(
                    throwing: context.error(
                        .invalidConfiguration, summary: "cannot encode the request", detail: String(describing: error),
                        fix: "check the messages for invalid text"
                    )
                )
                return
            }
            switch await attempt(request, chat: chat, refusal: &refusal, context: context, continuation: continuation) {
            case .resend(let note):
                if let learned = refusal.learned.last { memory.remember(learned, url: server, model: chat.model) }
                continuation.yield(.notApplied(setting: note.setting, reason: note.reason))
            case .finished:
                continuation.finish()
                return
            case .cancelled:
                continuation.finish(throwing: CancellationError())
                return
            case .failed(let error, let hint, let textStarted):
                switch retry.attemptFailed(error, hint: hint, textStarted: textStarted, random: .random(in: 0..<1)) {
                case .fail(let final):
                    continuation.finish(throwing: final)
                    return
                case .retry(let attempt, let delay, let reason):
                    continuation.yield(.retrying(attempt: attempt, reason: reason))
                    do {
                        try await model.clock.sleep(for: delay)
                    } catch {
                        continuation.finish(throwing: CancellationError())
                        return
                    }
                }
            }
        }
    }

    /// One HTTP exchange: chunks go to `continuation` as they arrive.
    private func attempt(
        _ request: HTTPClientRequest, chat: ChatRequest, refusal: inout ParameterRefusal, context: ErrorContext,
        continuation: AsyncThrowingStream<ChatChunk, any Error>.Continuation
    ) async -> Outcome {
        let response: HTTPClientResponse
        do {
            response = try await model.http.client.execute(
                request, timeout: TimeAmount(model.settings.responseHeadTimeout)
            )
        } catch {
            return transportOutcome(error, .beforeResponse, context, textStarted: false)
        }

        let status = Int(response.status.code)
        let hint = RetryHint(header: { response.headers.first(name: $0) }, now: Date().timeIntervalSince1970)
        let undecodable = ContentEncoding.undecodable(response.headers[canonicalForm: "content-encoding"].map(String.init))
        guard (200..<300).contains(status) else {
            let body = await readPrefix(of: response.body, limit: Self.errorBodyLimit)
            if Task.isCancelled { return .cancelled }
            let refusable = model.wire.refusableParameters(for: chat, adjustments: refusal.adjustments)
            if case .resend(let note) = refusal.failed(status: status, body: body, refusable: refusable) {
                return .resend(notApplied: note)
            }
            let message = undecodable == nil ? ServerErrorMessage.extract(from: body) : nil
            var error = context.httpError(status: status, serverMessage: message?.message)
            if error.kind == .httpStatus, let type = message?.type { error.summary += " (\(type))" }
            return .failed(error, hint, textStarted: false)
        }
        // The server took the request: the wait for the head (a proxy or a busy server holding
        // it) is over and the worker's answering time starts (`WorkerSpec.headTimeout`).
        continuation.yield(.responseStarted)

        if let undecodable {
            return .failed(context.undecodableEncoding(undecodable), .none, textStarted: false)
        }

        // The body's own first bytes decide how it is read, not its label: servers label an
        // event stream application/json, or answer a streamed request with one bare JSON
        // object (often an error) labelled text/event-stream (`BodyShape`).
        var decoder = model.wire.makeDecoder(context, for: chat)
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        var body = response.body.makeAsyncIterator()
        var head: [UInt8] = []
        var shape: BodyShape?
        do {
            while shape == nil, let buffer = try await body.next() {
                head += buffer.readableBytesView
                shape = BodyShape.sniff(head)
            }
        } catch {
            return transportOutcome(error, .duringBody, context, textStarted: false)
        }
        if shape == .json {
            return await readWholeAnswer(
                head: head, rest: &body, decoder: &decoder, context: context, continuation: continuation)
        }
        return await readStream(
            head: head, rest: &body, decoder: &decoder, contentType: contentType, context: context,
            continuation: continuation
        )
    }

    private func readStream(
        head: [UInt8], rest body: inout HTTPClientResponse.Body.AsyncIterator, decoder: inout Wire.Decoder,
        contentType: String, context: ErrorContext,
        continuation: AsyncThrowingStream<ChatChunk, any Error>.Continuation
    ) async -> Outcome {
        var parser = SSEParser()
        var joiner = SurrogateEscapeJoiner()
        var eventsSeen = 0
        var firstBytes: [UInt8] = []
        /// Applies one decoder action; returns an outcome when the attempt is over.
        func apply(_ action: StreamAction) -> Outcome? {
            switch action {
            case .chunks(let chunks):
                for chunk in chunks {
                    if case .terminated = continuation.yield(chunk) { return .cancelled }
                }
                return nil
            case .finish(let chunks):
                for chunk in chunks { continuation.yield(chunk) }
                return .finished
            case .fail(let error):
                return .failed(error, .none, textStarted: decoder.textStarted)
            }
        }
        /// Parses bytes into events, joins split surrogate escapes, decodes; an outcome ends it.
        func feed(_ bytes: some Sequence<UInt8>) -> Outcome? {
            for event in parser.parse(bytes) {
                eventsSeen += 1
                for ready in joiner.feed(event) {
                    if let outcome = apply(decoder.consumeChecked(ready)) { return outcome }
                }
            }
            return nil
        }
        firstBytes = Array(head.prefix(200))
        if let outcome = feed(head) { return outcome }
        do {
            while let buffer = try await body.next() {
                if firstBytes.count < 200 { firstBytes += buffer.readableBytesView.prefix(200 - firstBytes.count) }
                if let outcome = feed(buffer.readableBytesView) { return outcome }
            }
        } catch {
            return transportOutcome(error, .duringBody, context, textStarted: decoder.textStarted)
        }
        if Task.isCancelled { return .cancelled }
        for event in parser.finish() {
            eventsSeen += 1
            for ready in joiner.feed(event) {
                if let outcome = apply(decoder.consumeChecked(ready)) { return outcome }
            }
        }
        for ready in joiner.finish() {
            if let outcome = apply(decoder.consumeChecked(ready)) { return outcome }
        }
        if eventsSeen == 0, BodyShape.sniff(firstBytes) == .other {
            let shown = contentType.isEmpty ? "no content type" : "content type \(contentType)"
            let snippet = String(decoding: firstBytes, as: UTF8.self)
            return .failed(
                context.malformed("the answer is not an event stream (\(shown))", snippet: snippet), .none,
                textStarted: false
            )
        }
        return apply(decoder.endOfStream()) ?? .finished
    }

    /// One JSON document (a whole answer, or an error object): read to its end, lone surrogate
    /// escapes repaired, decoded at once.
    private func readWholeAnswer(
        head: [UInt8], rest body: inout HTTPClientResponse.Body.AsyncIterator, decoder: inout Wire.Decoder,
        context: ErrorContext, continuation: AsyncThrowingStream<ChatChunk, any Error>.Continuation
    ) async -> Outcome {
        var bytes = head
        do {
            while let buffer = try await body.next() {
                bytes += buffer.readableBytesView
                if bytes.count > Self.wholeBodyLimit {
                    return .failed(
                        context.malformed("the JSON answer is larger than \(Self.wholeBodyLimit / 1024 / 1024) MiB"),
                        .none, textStarted: false)
                }
            }
        } catch {
            return transportOutcome(error, .duringBody, context, textStarted: false)
        }
        if Task.isCancelled { return .cancelled }
        let document = SurrogateEscapeJoiner.repaired(String(decoding: BodyShape.trimmingStart(bytes), as: UTF8.self))
        switch decoder.decodeWholeBody(Data(document.utf8)) {
        case .fail(let error):
            return .failed(error, .none, textStarted: false)
        case .chunks(let chunks), .finish(let chunks):
            for chunk in chunks { continuation.yield(chunk) }
            return .finished
        }
    }

    /// How an attempt ends when the HTTP client throws: cancelled (the consumer went away),
    /// or failed with the `ProviderError` that names the transport problem.
    private func transportOutcome(
        _ error: any Error, _ phase: ErrorContext.Phase, _ context: ErrorContext, textStarted: Bool
    ) -> Outcome {
        guard !Task.isCancelled,
            let failure = context.transportError(
                error, phase: phase, connectTimeout: model.http.connectTimeout,
                connectionLimit: model.http.maxConnectionsPerHost
            )
        else { return .cancelled }
        return .failed(failure, .none, textStarted: textStarted)
    }

    /// Up to `limit` bytes of a body; a body that breaks off gives what arrived.
    private func readPrefix(of body: HTTPClientResponse.Body, limit: Int) async -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await buffer in body {
                bytes += buffer.readableBytesView.prefix(limit - bytes.count)
                if bytes.count >= limit { break }
            }
        } catch {}
        return bytes
    }
}
