"""Answer bank for week09/day04_asr_approaches_compared (see tests/answer_bank/__init__.py)."""

BANK = {
    "ctc_greedy_decode": {
        "wrong": '''def ctc_greedy_decode(log_probs, blank=0):
    scores = torch.as_tensor(log_probs).detach()
    if scores.dim() != 2:
        raise ValueError("need (T, C)")
    best = [int(x) for x in scores.argmax(dim=1).tolist()] if scores.shape[0] else []
    no_blanks = [label for label in best if label != blank]
    return [label for i, label in enumerate(no_blanks) if i == 0 or label != no_blanks[i - 1]]
''',
        "why": "drops the blanks before merging repeats, so a blank between two equal labels no longer separates them",
        "alternative": '''def ctc_greedy_decode(log_probs, blank=0):
    array = np.asarray(torch.as_tensor(log_probs).detach().cpu().numpy())
    if array.ndim != 2:
        raise ValueError("log_probs must be 2-D")
    path = np.argmax(array, axis=1) if len(array) else np.zeros(0, dtype=np.int64)
    return [int(symbol) for symbol, _ in itertools.groupby(path.tolist()) if symbol != blank]
''',
        "denied": '''def ctc_greedy_decode(log_probs, blank=0):
    scores = np.asarray(torch.as_tensor(log_probs).detach().cpu().numpy())
    if scores.ndim != 2:
        raise ValueError("need (T, C)")
    text = ctc_recogniser.greedy_transcripts([scores])[0]
    return ctc_recogniser.encode(text)
''',
    },
    "ctc_log_likelihood": {
        "wrong": '''def ctc_log_likelihood(log_probs, target, blank=0):
    lp = torch.as_tensor(log_probs)
    labels = [int(v) for v in torch.as_tensor(target).reshape(-1).tolist()]
    states = [blank]
    for label in labels:
        states += [label, blank]
    alpha = [None] * len(states)
    alpha[0] = lp[0, blank]
    if len(states) > 1:
        alpha[1] = lp[0, states[1]]
    for t in range(1, lp.shape[0]):
        fresh = [None] * len(states)
        for s in range(len(states)):
            terms = [alpha[j] for j in (s, s - 1, s - 2)
                     if j >= 0 and alpha[j] is not None and (j != s - 2 or states[s] != blank)]
            if terms:
                fresh[s] = torch.logsumexp(torch.stack(terms), 0) + lp[t, states[s]]
        alpha = fresh
    last = [a for a in alpha[-2:] if a is not None]
    return torch.logsumexp(torch.stack(last), 0) if last else torch.tensor(float("-inf"), dtype=lp.dtype)
''',
        "why": "allows the skip between two identical labels, counting paths that collapse to one label too few",
        "alternative": '''def ctc_log_likelihood(log_probs, target, blank=0):
    from functools import lru_cache

    lp = torch.as_tensor(log_probs)
    seq = [blank]
    for y in torch.as_tensor(target).reshape(-1).tolist():
        seq.extend([int(y), blank])

    @lru_cache(maxsize=None)
    def forward(t, s):
        if s < 0:
            return None
        if t == 0:
            return lp[0, seq[s]] if s < 2 else None
        before = [forward(t - 1, s), forward(t - 1, s - 1)]
        if s >= 2 and seq[s] != blank and seq[s] != seq[s - 2]:
            before.append(forward(t - 1, s - 2))
        before = [value for value in before if value is not None]
        if not before:
            return None
        return torch.logsumexp(torch.stack(before), 0) + lp[t, seq[s]]

    final = len(seq) - 1
    ends = [v for v in (forward(lp.shape[0] - 1, final), forward(lp.shape[0] - 1, final - 1)) if v is not None]
    if not ends:
        return torch.tensor(-math.inf, dtype=lp.dtype)
    return torch.logsumexp(torch.stack(ends), 0)
''',
        "denied": '''def ctc_log_likelihood(log_probs, target, blank=0):
    lp = torch.as_tensor(log_probs)
    labels = torch.as_tensor(target, dtype=torch.int64).reshape(1, -1)
    return -F.ctc_loss(lp[:, None, :], labels, torch.tensor([lp.shape[0]]), torch.tensor([labels.shape[1]]),
                       blank=blank, reduction="sum")
''',
    },
    "ctc_loss": {
        "wrong": '''def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean"):
    if reduction not in ("none", "sum", "mean"):
        raise ValueError("unknown reduction")
    lp = torch.as_tensor(log_probs)
    ys = torch.as_tensor(targets)
    ins = torch.as_tensor(input_lengths).reshape(-1).tolist()
    outs = torch.as_tensor(target_lengths).reshape(-1).tolist()
    each = torch.stack([-ctc_log_likelihood(lp[:int(ins[i]), i], ys[i, :int(outs[i])], blank) for i in range(lp.shape[1])])
    if reduction == "none":
        return each
    if reduction == "sum":
        return each.sum()
    return each.mean()
''',
        "why": "'mean' averages the raw losses instead of dividing each by its target length first",
        "alternative": '''def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean"):
    lp = torch.as_tensor(log_probs)
    ys = np.asarray(torch.as_tensor(targets))
    t_in = np.asarray(torch.as_tensor(input_lengths)).reshape(-1)
    t_out = np.asarray(torch.as_tensor(target_lengths)).reshape(-1)
    per_sequence = []
    for n in range(lp.shape[1]):
        per_sequence.append(-ctc_log_likelihood(lp[: int(t_in[n]), n, :], ys[n][: int(t_out[n])].tolist(), blank))
    losses = torch.stack(per_sequence)
    if reduction == "sum":
        return losses.sum()
    elif reduction == "mean":
        divisors = torch.as_tensor(np.maximum(t_out, 1), dtype=losses.dtype)
        return torch.mean(losses / divisors)
    elif reduction == "none":
        return losses
    raise ValueError("reduction: none, sum or mean")
''',
        "denied": '''def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean"):
    if reduction not in ("none", "sum", "mean"):
        raise ValueError("unknown reduction")
    return F.ctc_loss(torch.as_tensor(log_probs), torch.as_tensor(targets), torch.as_tensor(input_lengths),
                      torch.as_tensor(target_lengths), blank=blank, reduction=reduction)
''',
    },
    "count_ctc_alignments": {
        "wrong": '''def count_ctc_alignments(n_frames, labels):
    extended = [0]
    for label in labels:
        extended += [label, 0]
    if n_frames == 0:
        return int(len(labels) == 0)
    counts = [0] * len(extended)
    counts[0] = 1
    if len(extended) > 1:
        counts[1] = 1
    for _ in range(1, n_frames):
        new = [0] * len(extended)
        for s in range(len(extended)):
            new[s] = counts[s] + (counts[s - 1] if s >= 1 else 0)
            if s >= 2 and extended[s] != 0:
                new[s] += counts[s - 2]
        counts = new
    return sum(counts[-2:]) if len(extended) > 1 else counts[-1]
''',
        "why": "the buggy original: skips between identical labels",
        "alternative": '''def count_ctc_alignments(n_frames, labels):
    labels = list(labels)
    if n_frames == 0:
        return 1 if not labels else 0
    from functools import lru_cache

    states = [0] + [x for label in labels for x in (label, 0)]

    @lru_cache(maxsize=None)
    def ways(t, s):
        if s < 0:
            return 0
        if t == 0:
            return 1 if s <= 1 else 0
        total = ways(t - 1, s) + ways(t - 1, s - 1)
        if s >= 2 and states[s] != 0 and states[s] != states[s - 2]:
            total += ways(t - 1, s - 2)
        return total

    last = len(states) - 1
    return ways(n_frames - 1, last) + (ways(n_frames - 1, last - 1) if last >= 1 else 0)
''',
    },
    "min_ctc_frames": {
        "wrong": '''def min_ctc_frames(labels):
    return len(list(np.asarray(labels).reshape(-1))) * 2 - 1 if len(labels) else 0
''',
        "why": "puts a blank between every pair of labels, not only between equal neighbours",
        "alternative": '''def min_ctc_frames(labels):
    seq = np.asarray(labels).reshape(-1)
    if seq.size == 0:
        return 0
    return int(seq.size + np.count_nonzero(seq[1:] == seq[:-1]))
''',
    },
    "char_bigram_log_probs": {
        "wrong": '''def char_bigram_log_probs(texts, symbols, k=1.0):
    if k <= 0:
        raise ValueError("k must be positive")
    position = {c: i + 1 for i, c in enumerate(symbols)}
    size = len(symbols) + 1
    counts = np.zeros((size, size))
    for text in texts:
        if any(c not in position for c in text):
            raise ValueError("unknown character")
        ids = [0] + [position[c] for c in text] + [0]
        for a, b in zip(ids, ids[1:]):
            counts[a, b] += 1
    return np.log((counts + k) / (counts.sum(axis=1, keepdims=True) + k * len(symbols)))
''',
        "why": "smooths over V columns instead of V + 1 (forgets the boundary column), so the rows do not sum to 1",
        "alternative": '''def char_bigram_log_probs(texts, symbols, k=1.0):
    from collections import Counter

    if k <= 0:
        raise ValueError("smoothing must be positive")
    alphabet = set(symbols)
    pairs = Counter()
    for text in texts:
        if not set(text) <= alphabet:
            raise ValueError("a character is not among the symbols")
        padded = [0] + [symbols.index(ch) + 1 for ch in text] + [0]
        pairs.update(zip(padded[:-1], padded[1:]))
    width = len(symbols) + 1
    table = np.full((width, width), float(k))
    for (first, second), n in pairs.items():
        table[first, second] += n
    return np.log(table) - np.log(table.sum(axis=1, keepdims=True))
''',
    },
    "prefix_beam_search": {
        "wrong": '''def prefix_beam_search(log_probs, beam_width, lm=None, alpha=0.0, beta=0.0, blank=0):
    scores = np.asarray(torch.as_tensor(log_probs).detach().cpu().numpy(), dtype=np.float64)
    if scores.ndim != 2 or int(beam_width) < 1:
        raise ValueError("bad input")
    beams = {(): (0.0, -np.inf)}
    for frame in scores:
        grown = {}
        for prefix, (pb, pnb) in beams.items():
            either = np.logaddexp(pb, pnb)
            for label, value in enumerate(frame):
                key = prefix if label == blank or (prefix and prefix[-1] == label) else prefix + (label,)
                old_b, old_nb = grown.get(key, (-np.inf, -np.inf))
                if label == blank:
                    grown[key] = (np.logaddexp(old_b, either + value), old_nb)
                else:
                    grown[key] = (old_b, np.logaddexp(old_nb, either + value))

        def rank(prefix):
            lm_part = 0.0
            if lm is not None:
                previous = blank
                for label in prefix:
                    lm_part += lm[previous][label]
                    previous = label
            return np.logaddexp(*grown[prefix]) + alpha * lm_part + beta * len(prefix)

        beams = {p: grown[p] for p in sorted(grown, key=rank, reverse=True)[:int(beam_width)]}
    final = lambda p: np.logaddexp(*beams[p]) + (0.0 if lm is None else alpha * sum(
        lm[a][b] for a, b in zip((blank,) + p[:-1], p))) + beta * len(p)
    return [int(x) for x in max(beams, key=final)]
''',
        "why": "a repeated label after a blank is merged into the prefix instead of starting a new copy (p_b must extend to l + c)",
        "alternative": '''def prefix_beam_search(log_probs, beam_width, lm=None, alpha=0.0, beta=0.0, blank=0):
    from collections import defaultdict

    frames = np.asarray(torch.as_tensor(log_probs).detach().cpu().numpy(), dtype=np.float64)
    if frames.ndim != 2:
        raise ValueError("expected (T, C)")
    if beam_width < 1:
        raise ValueError("beam_width >= 1")
    lm_table = None if lm is None else np.asarray(lm, dtype=np.float64)

    def lm_logp(prefix):
        if lm_table is None:
            return 0.0
        history = (blank,) + prefix[:-1]
        return float(sum(lm_table[a, b] for a, b in zip(history, prefix)))

    def score(prefix, pair):
        return np.logaddexp(pair[0], pair[1]) + alpha * lm_logp(prefix) + beta * len(prefix)

    beam = [((), (0.0, -np.inf))]
    for t in range(frames.shape[0]):
        blank_mass = defaultdict(lambda: -np.inf)
        label_mass = defaultdict(lambda: -np.inf)
        order = []
        for prefix, (pb, pnb) in beam:
            total = np.logaddexp(pb, pnb)
            for c in range(frames.shape[1]):
                v = frames[t, c]
                if c == blank:
                    target, into_blank, amount = prefix, True, total + v
                elif prefix and prefix[-1] == c:
                    order.append(prefix)
                    label_mass[prefix] = np.logaddexp(label_mass[prefix], pnb + v)
                    target, into_blank, amount = prefix + (c,), False, pb + v
                else:
                    target, into_blank, amount = prefix + (c,), False, total + v
                order.append(target)
                if into_blank:
                    blank_mass[target] = np.logaddexp(blank_mass[target], amount)
                else:
                    label_mass[target] = np.logaddexp(label_mass[target], amount)
        seen = list(dict.fromkeys(order))
        scored = [(p, (blank_mass[p], label_mass[p])) for p in seen]
        scored.sort(key=lambda item: score(*item), reverse=True)
        beam = scored[:beam_width]
    best = max(beam, key=lambda item: score(*item))[0]
    return list(map(int, best))
''',
    },
    "quiz": {
        "wrong": '''quiz_uniform = torch.log(torch.full((4, 3), 1 / 3, dtype=torch.float64))
predicted_alignments = 6
predicted_uniform_loss = 2.6
predicted_min_frames = 11
measured_alignments = count_ctc_alignments(4, [1, 2])
measured_uniform_loss = float(-ctc_log_likelihood(quiz_uniform, [1, 2]))
measured_min_frames = min_ctc_frames(ctc_recogniser.encode("three three"))
''',
        "why": "guesses the predictions (forgets the blank paths and the repeats)",
        "alternative": '''quiz_uniform = torch.log(torch.full((4, 3), 1 / 3, dtype=torch.float64))
predicted_alignments = 15
predicted_uniform_loss = float(4 * math.log(3) - math.log(15))
predicted_min_frames = 13
measured_alignments = int(count_ctc_alignments(4, [1, 2]))
measured_uniform_loss = -float(ctc_log_likelihood(quiz_uniform, [1, 2]))
measured_min_frames = int(min_ctc_frames(ctc_recogniser.encode("three three")))
''',
    },
}
