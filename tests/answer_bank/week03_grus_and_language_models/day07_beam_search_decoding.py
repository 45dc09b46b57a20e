"""Answer bank of week03_grus_and_language_models day07_beam_search_decoding: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "greedy_search": {
        "wrong": '''def sequence_log_prob(next_log_probs, bos, tokens):
    """Total log-probability of `tokens` (after bos) under the batched language model `next_log_probs`."""
    total = 0.0
    for step, token in enumerate(tokens):
        distribution = next_log_probs([(bos, *tokens[:step])])[0]
        total += distribution.get(token, -math.inf)
    return float(total)


def greedy_search(next_log_probs, bos, eos, max_length):
    """The most likely token at each step until eos or max_length tokens: (tokens list, total log-prob)."""
    prefix, log_prob = (bos,), 0.0
    for _ in range(max_length):
        distribution = next_log_probs([prefix])[0]
        token = max(distribution, key=distribution.get)  # the most likely token
        log_prob += distribution[token]
        prefix += (token,)
        if token == eos:
            break
    return list(prefix[1:]), float(log_prob)


# The hidden tests call your functions through these two wrappers, which build the language model from plain
# data (see `language_model` above). Leave them as they are.
def sequence_log_prob_on(spec, bos, tokens):
    return sequence_log_prob(language_model(spec), bos, tokens)


def greedy_search_on(spec, bos, eos, max_length):
    return greedy_search(language_model(spec), bos, eos, max_length)
''',
        "why": "breaks ties by the dict's order (max keeps the first) instead of taking the smallest token",
        "alternative": '''def sequence_log_prob(next_log_probs, bos, tokens):
    """Total log-probability of `tokens` (after bos) under the batched language model `next_log_probs`."""
    tokens = list(tokens)
    total = 0.0
    for position, token in enumerate(tokens):
        options = next_log_probs([(bos, *tokens[:position])])[0]  # one prefix at a time
        if token not in options:
            return -math.inf
        total += options[token]
    return float(total)


def greedy_search(next_log_probs, bos, eos, max_length):
    """The most likely token at each step until eos or max_length tokens: (tokens list, total log-prob)."""
    generated, total = [], 0.0
    while len(generated) < max_length:
        options = next_log_probs([(bos, *generated)])[0]
        ranked = sorted((-score, token) for token, score in options.items() if score != -math.inf)
        token = ranked[0][1]  # highest log-probability, then the smallest token
        total += options[token]
        generated.append(token)
        if token == eos:
            break
    return generated, float(total)


# The hidden tests call your functions through these two wrappers, which build the language model from plain
# data (see `language_model` above). Leave them as they are.
def sequence_log_prob_on(spec, bos, tokens):
    return sequence_log_prob(language_model(spec), bos, tokens)


def greedy_search_on(spec, bos, eos, max_length):
    return greedy_search(language_model(spec), bos, eos, max_length)
''',
    },
    "rank_hypotheses": {
        "wrong": '''def length_normalised_score(log_prob, length, alpha):
    """log_prob / length ** alpha, as a float."""
    return float(log_prob / length ** alpha)


def rank_hypotheses(hypotheses, alpha):
    """[(tokens list, length-normalised score)] sorted by decreasing score, ties by increasing tokens."""
    scored = [(list(tokens), length_normalised_score(log_prob, len(tokens), alpha)) for tokens, log_prob in hypotheses]
    return sorted(scored, key=lambda hypothesis: (hypothesis[1], hypothesis[0]), reverse=True)  # best first
''',
        "why": "reverse=True on (score, tokens) also reverses the tie-break: equal scores come in decreasing token order",
        "alternative": '''def length_normalised_score(log_prob, length, alpha):
    """log_prob / length ** alpha, as a float."""
    return float(log_prob) / math.pow(length, alpha)


def rank_hypotheses(hypotheses, alpha):
    """[(tokens list, length-normalised score)] sorted by decreasing score, ties by increasing tokens."""
    ranked = []
    for tokens, log_prob in hypotheses:
        ranked.append((list(tokens), length_normalised_score(log_prob, len(tokens), alpha)))
    ranked.sort(key=lambda pair: pair[0])  # secondary key first ...
    ranked.sort(key=lambda pair: pair[1], reverse=True)  # ... then the primary one: sorting is stable
    return ranked
''',
    },
    "beam_search": {
        "wrong": '''def beam_search(next_log_probs, beam_size, bos, eos, max_length, alpha=0.0):
    """The n-best list [(tokens list, score)] of a shrinking beam search, best first (rules 1-6 above)."""
    beam, finished = [((), 0.0)], []
    for _ in range(max_length):
        distributions = next_log_probs([(bos, *tokens) for tokens, _ in beam])
        candidates = []
        for (tokens, log_prob), distribution in zip(beam, distributions):
            for token, token_log_prob in distribution.items():
                if token_log_prob > -math.inf:
                    candidates.append((tokens + (token,), log_prob + token_log_prob))
        candidates.sort(key=lambda candidate: (-candidate[1], candidate[0]))
        beam = []
        for tokens, log_prob in candidates[:beam_size]:  # always keep beam_size candidates
            if tokens[-1] == eos:
                finished.append((tokens, log_prob))
            else:
                beam.append((tokens, log_prob))
        if not beam:
            break
    return rank_hypotheses(finished + beam, alpha)[:beam_size]


# The hidden tests call your function through this wrapper (see `language_model` above). Leave it as it is.
def beam_search_on(spec, beam_size, bos, eos, max_length, alpha):
    return beam_search(language_model(spec), beam_size, bos, eos, max_length, alpha)
''',
        "why": "keeps beam_size candidates at every step: finished hypotheses do not use up beam slots",
        "alternative": '''def beam_search(next_log_probs, beam_size, bos, eos, max_length, alpha=0.0):
    """The n-best list [(tokens list, score)] of a shrinking beam search, best first (rules 1-6 above)."""
    import heapq

    growing, done = [((), 0.0)], []
    steps = 0
    while growing and steps < max_length:
        steps += 1
        distributions = next_log_probs([(bos,) + tokens for tokens, _ in growing])  # the whole beam at once
        pool = []
        for (tokens, total), distribution in zip(growing, distributions):
            for token, token_log_prob in distribution.items():
                if token_log_prob == -math.inf:
                    continue
                pool.append((tokens + (token,), total + token_log_prob))
        best = heapq.nsmallest(beam_size - len(done), pool, key=lambda item: (-item[1], item[0]))
        growing = [item for item in best if item[0][-1] != eos]
        done.extend(item for item in best if item[0][-1] == eos)
    return rank_hypotheses(done + growing, alpha)


# The hidden tests call your function through this wrapper (see `language_model` above). Leave it as it is.
def beam_search_on(spec, beam_size, bos, eos, max_length, alpha):
    return beam_search(language_model(spec), beam_size, bos, eos, max_length, alpha)
''',
    },
    "seq2seq_next_log_probs": {
        "denied": '''def seq2seq_next_log_probs(model, source_ids):
    """A cached, batched next_log_probs(prefixes) of `model` for one source sentence."""
    device = next(model.parameters()).device
    source = torch.tensor([list(source_ids)], device=device)
    lengths = torch.tensor([len(source_ids)])
    known = {}  # prefix -> {token id: log-probability}

    def next_log_probs(prefixes):
        answers = []
        for prefix in prefixes:
            prefix = tuple(prefix)
            if prefix not in known:
                with torch.no_grad():  # the model's teacher-forced forward pass over the whole prefix
                    logits = model(source, lengths, torch.tensor([list(prefix)], device=device))[0, -1]
                known[prefix] = dict(enumerate(torch.log_softmax(logits, dim=-1).tolist()))
            answers.append(known[prefix])
        return answers

    return next_log_probs


# The hidden tests call your function through this wrapper: a small random Seq2Seq (fixed by `seed`) is asked for
# each list of prefixes in `requests`, in order. Leave it as it is.
def seq2seq_next_log_probs_on(seed, source_ids, requests):
    torch.manual_seed(seed)
    random_model = Seq2Seq(len(task.source_vocab), len(task.target_vocab), embedding_dim=8, hidden_size=16)
    next_log_probs = seq2seq_next_log_probs(random_model, source_ids)
    return [[[distribution[token] for token in range(len(task.target_vocab))] for distribution in next_log_probs(prefixes)]
            for prefixes in requests]
''',
        "wrong": '''def seq2seq_next_log_probs(model, source_ids):
    """A cached, batched next_log_probs(prefixes) of `model` for one source sentence."""
    device = next(model.parameters()).device
    with torch.no_grad():
        source = torch.tensor([list(source_ids)], device=device)
        encoder_outputs, encoder_state = model.encode(source, torch.tensor([len(source_ids)]))
    source_mask = source != model.pad_id
    state_after = {}  # last token read -> decoder state after it

    def next_log_probs(prefixes):
        prefixes = [tuple(prefix) for prefix in prefixes]
        answers = {}
        for length in sorted({len(prefix) for prefix in prefixes}):
            batch = [prefix for prefix in prefixes if len(prefix) == length]
            parents = torch.cat([state_after.get(prefix[-2], encoder_state) if len(prefix) > 1 else encoder_state
                                 for prefix in batch], dim=1)
            with torch.no_grad():
                logits, states = model.decode_step(torch.tensor([prefix[-1] for prefix in batch], device=device),
                                                   parents, encoder_outputs.expand(len(batch), -1, -1),
                                                   source_mask.expand(len(batch), -1))
            for row, prefix in enumerate(batch):
                state_after[prefix[-1]] = states[:, row:row + 1]
                answers[prefix] = dict(enumerate(torch.log_softmax(logits[row], dim=-1).tolist()))
        return [answers[prefix] for prefix in prefixes]

    return next_log_probs


# The hidden tests call your function through this wrapper: a small random Seq2Seq (fixed by `seed`) is asked for
# each list of prefixes in `requests`, in order. Leave it as it is.
def seq2seq_next_log_probs_on(seed, source_ids, requests):
    torch.manual_seed(seed)
    random_model = Seq2Seq(len(task.source_vocab), len(task.target_vocab), embedding_dim=8, hidden_size=16)
    next_log_probs = seq2seq_next_log_probs(random_model, source_ids)
    return [[[distribution[token] for token in range(len(task.target_vocab))] for distribution in next_log_probs(prefixes)]
            for prefixes in requests]
''',
        "why": "caches decoder states by the last token instead of the whole prefix (and falls back to the encoder state for an uncached parent)",
        "alternative": '''def seq2seq_next_log_probs(model, source_ids):
    """A cached, batched next_log_probs(prefixes) of `model` for one source sentence."""
    where = next(model.parameters()).device
    source = torch.as_tensor([list(source_ids)], dtype=torch.long, device=where)
    with torch.no_grad():
        memory, first_state = model.encode(source, torch.as_tensor([len(source_ids)], dtype=torch.long))
    mask = source != model.pad_id
    cache = {}  # prefix tuple -> (decoder state after reading it, {token id: log-probability})

    def parent_state(prefix):
        return cache[prefix[:-1]][0] if len(prefix) > 1 else first_state

    def next_log_probs(prefixes):
        wanted = [tuple(prefix) for prefix in prefixes]
        longest = max((len(prefix) for prefix in wanted), default=0)
        for size in range(1, longest + 1):  # level by level, so that every parent is ready
            todo = list(dict.fromkeys(prefix[:size] for prefix in wanted
                                      if len(prefix) >= size and prefix[:size] not in cache))
            if not todo:
                continue
            parents = torch.cat([parent_state(prefix) for prefix in todo], dim=1)  # (1, n, hidden)
            tokens = torch.as_tensor([prefix[-1] for prefix in todo], dtype=torch.long, device=where)
            with torch.no_grad():
                logits, states = model.decode_step(tokens, parents, memory.expand(len(todo), -1, -1),
                                                   mask.expand(len(todo), -1))
                table = torch.log_softmax(logits, dim=-1).cpu().tolist()
            for row, prefix in enumerate(todo):
                cache[prefix] = (states[:, row:row + 1], {token: float(value) for token, value in enumerate(table[row])})
        return [cache[prefix][1] for prefix in wanted]

    return next_log_probs


# The hidden tests call your function through this wrapper: a small random Seq2Seq (fixed by `seed`) is asked for
# each list of prefixes in `requests`, in order. Leave it as it is.
def seq2seq_next_log_probs_on(seed, source_ids, requests):
    torch.manual_seed(seed)
    random_model = Seq2Seq(len(task.source_vocab), len(task.target_vocab), embedding_dim=8, hidden_size=16)
    next_log_probs = seq2seq_next_log_probs(random_model, source_ids)
    return [[[distribution[token] for token in range(len(task.target_vocab))] for distribution in next_log_probs(prefixes)]
            for prefixes in requests]
''',
    },
    "beam_step": {
        "wrong": '''def beam_step(beam, distributions, beam_size):
    """The beam_size best one-token extensions of the hypotheses in `beam` (pairs (tokens, log_prob)), ranked together."""
    candidates = [(tuple(tokens) + (token,), float(log_prob + value))
                  for (tokens, log_prob), distribution in zip(beam, distributions)
                  for token, value in distribution.items()]                # keeps tokens of probability 0
    candidates.sort(key=lambda candidate: (-candidate[1], candidate[0]))
    return candidates[:beam_size]
''',
        "why": "ranks all candidates together but does not skip tokens with log-probability -inf, which then fill free slots",
        "alternative": '''import heapq


def beam_step(beam, distributions, beam_size):
    """The beam_size best one-token extensions of the hypotheses in `beam` (pairs (tokens, log_prob)), ranked together."""
    pool = []
    for index, (tokens, log_prob) in enumerate(beam):
        for token, value in distributions[index].items():
            if value == -math.inf:
                continue
            extended = (*tokens, token)
            pool.append((-(log_prob + value), extended))
    best = heapq.nsmallest(beam_size, pool)          # smallest negative score, then smallest tuple
    return [(tokens, float(-negative)) for negative, tokens in best]
''',
    },
    "quiz": {
        "wrong": '''QUIZ_TREE = {(BOS,): {"x": 0.5, "y": 0.35, EOS: 0.15},
             (BOS, "x"): {"a": 0.3, "b": 0.3, "c": 0.4},
             (BOS, "y"): {"a": 0.85, "b": 0.15}}
quiz_model = tree_language_model(QUIZ_TREE)
# Set the six variables below.
predicted_greedy_log_prob = math.log(0.5 * 0.4)
predicted_beam2_log_prob = math.log(0.5 * 0.4)            # thinks a beam of 2 still follows x
predicted_last_normalised = math.log(0.5 * 0.3) / 3       # forgets that </s> took a slot at step 1
measured_greedy_log_prob = greedy_search(quiz_model, BOS, EOS, 5)[1]
measured_beam2_log_prob = beam_search(quiz_model, 2, BOS, EOS, 5, alpha=0.0)[0][1]
measured_last_normalised = beam_search(quiz_model, 3, BOS, EOS, 5, alpha=1.0)[-1][1]
''',
        "why": "predicts that the beam of 2 keeps the greedy path, and that the beam of 3 keeps three long hypotheses",
        "alternative": '''QUIZ_TREE = {(BOS,): {"x": 0.5, "y": 0.35, EOS: 0.15},
             (BOS, "x"): {"a": 0.3, "b": 0.3, "c": 0.4},
             (BOS, "y"): {"a": 0.85, "b": 0.15}}
quiz_model = tree_language_model(QUIZ_TREE)
# Set the six variables below.
predicted_greedy_log_prob = math.log(0.5) + math.log(0.4) + math.log(1.0)
predicted_beam2_log_prob = math.log(0.35) + math.log(0.85)
predicted_last_normalised = float(math.log(0.15))
greedy_tokens, greedy_score = greedy_search(quiz_model, BOS, EOS, max_length=5)
measured_greedy_log_prob = float(greedy_score)
two = beam_search(quiz_model, beam_size=2, bos=BOS, eos=EOS, max_length=5)
measured_beam2_log_prob = float(max(score for _, score in two))
three = beam_search(quiz_model, 3, BOS, EOS, 5, 1.0)
measured_last_normalised = float(min(score for _, score in three))
''',
    },
}
