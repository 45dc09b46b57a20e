"""Answer bank of week06_llms_and_finetuning day06_evaluating_llms: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "clipped_ngram_counts": {
        "wrong": '''def clipped_ngram_counts(candidate, references, n):
    """(matched, total): the candidate's n-grams clipped by their largest count in any one reference, and how many it has."""
    if n < 1 or not references:
        raise ValueError("bad arguments")
    grams = Counter(tuple(candidate[i:i + n]) for i in range(len(candidate) - n + 1))
    pooled = Counter()
    for reference in references:
        pooled += Counter(tuple(reference[i:i + n]) for i in range(len(reference) - n + 1))   # SUMS the references
    matched = sum(min(count, pooled[gram]) for gram, count in grams.items())
    return int(matched), int(sum(grams.values()))
''',
        "why": "clips each n-gram at its count summed over all references instead of its largest count in a single one, "
               "so with two references a repeated word is credited up to the total of both",
        "alternative": '''def clipped_ngram_counts(candidate, references, n):
    """(matched, total): the candidate's n-grams clipped by their largest count in any one reference, and how many it has."""
    if n < 1:
        raise ValueError("n >= 1 please")
    if not len(references):
        raise ValueError("no references")
    def grams(tokens):
        return [tuple(tokens[i:i + n]) for i in range(max(len(tokens) - n + 1, 0))]
    candidate_grams = grams(list(candidate))
    matched = 0
    for gram in set(candidate_grams):
        ceiling = max(grams(list(reference)).count(gram) for reference in references)
        matched += min(candidate_grams.count(gram), ceiling)
    return (matched, len(candidate_grams))
''',
        "denied": '''def clipped_ngram_counts(candidate, references, n):
    """(matched, total): the candidate's n-grams clipped by their largest count in any one reference, and how many it has."""
    from nltk.translate.bleu_score import modified_precision

    if n < 1 or not references:
        raise ValueError("bad arguments")
    fraction = modified_precision(references, candidate, n)
    return int(fraction.numerator), int(fraction.denominator)
''',
    },
    "brevity_penalty": {
        "wrong": '''def brevity_penalty(candidate_lengths, reference_lengths):
    """BLEU's brevity penalty over a corpus: candidate_lengths[s] tokens against the lengths reference_lengths[s]."""
    c = sum(candidate_lengths)
    r = sum(min(lengths, key=lambda reference: abs(reference - length))     # closest, but the FIRST one on a tie
            for length, lengths in zip(candidate_lengths, reference_lengths))
    if c >= r:
        return 1.0
    return math.exp(1 - r / c) if c > 0 else 0.0
''',
        "why": "takes the closest reference length but breaks ties by list order instead of choosing the shorter one, "
               "so a candidate exactly between two references listed longer-first is penalised",
        "alternative": '''def brevity_penalty(candidate_lengths, reference_lengths):
    """BLEU's brevity penalty over a corpus: candidate_lengths[s] tokens against the lengths reference_lengths[s]."""
    total_candidate, total_reference = 0, 0
    for length, lengths in zip(candidate_lengths, reference_lengths):
        best = sorted(lengths, key=lambda reference: (abs(reference - length), reference))[0]
        total_candidate += length
        total_reference += best
    if total_candidate == 0:
        return 0.0 if total_reference > 0 else 1.0
    return float(min(1.0, math.exp(1.0 - total_reference / total_candidate)))
''',
    },
    "corpus_bleu": {
        "wrong": '''def corpus_bleu(candidates, references, max_n=4):
    """Corpus BLEU (0-100) of token-list candidates against lists of token-list references, as sacrebleu computes it."""
    if len(candidates) != len(references):
        raise ValueError("one list of references per candidate")
    if not candidates:
        return 0.0
    scores = []
    for candidate, refs in zip(candidates, references):          # the MEAN of sentence-level BLEU
        logs, halvings, empty = [], 1, False
        for n in range(1, max_n + 1):
            matched, total = clipped_ngram_counts(candidate, refs, n)
            if total == 0:
                empty = True
                break
            if matched == 0:
                halvings *= 2
                logs.append(-math.log(halvings * total))
            else:
                logs.append(math.log(matched / total))
        if empty or all(clipped_ngram_counts(candidate, refs, n)[0] == 0 for n in range(1, max_n + 1)):
            scores.append(0.0)
            continue
        penalty = brevity_penalty([len(candidate)], [[len(r) for r in refs]])
        scores.append(100.0 * penalty * math.exp(sum(logs) / max_n))
    return float(sum(scores) / len(scores))
''',
        "why": "averages sentence-level BLEU scores instead of pooling the n-gram counts and lengths over the corpus",
        "alternative": '''def corpus_bleu(candidates, references, max_n=4):
    """Corpus BLEU (0-100) of token-list candidates against lists of token-list references, as sacrebleu computes it."""
    if len(candidates) != len(references):
        raise ValueError("candidates and references differ in length")
    stats = np.zeros((max_n, 2), dtype=np.int64)
    for candidate, refs in zip(candidates, references):
        stats += np.array([clipped_ngram_counts(candidate, refs, n) for n in range(1, max_n + 1)]).reshape(max_n, 2)
    matched, total = stats[:, 0], stats[:, 1]
    if (total == 0).any() or (matched == 0).all():
        return 0.0
    zero_rank = np.cumsum(matched == 0)                           # 1, 2, ... at the orders with no match
    precisions = np.where(matched > 0, matched / np.maximum(total, 1), 1.0 / (2.0 ** zero_rank * total))
    bp = brevity_penalty([len(c) for c in candidates], [[len(r) for r in refs] for refs in references])
    return float(100 * bp * np.prod(precisions) ** (1.0 / max_n))
''',
        "denied": '''def corpus_bleu(candidates, references, max_n=4):
    """Corpus BLEU (0-100) of token-list candidates against lists of token-list references, as sacrebleu computes it."""
    from sacrebleu.metrics.bleu import BLEU

    if len(candidates) != len(references):
        raise ValueError("candidates and references differ in length")
    if not candidates:
        return 0.0
    most = max(len(refs) for refs in references)
    streams = [[" ".join(refs[k]) if k < len(refs) else None for refs in references] for k in range(most)]
    bleu = BLEU(tokenize="none", max_ngram_order=max_n)
    return float(bleu.corpus_score([" ".join(c) for c in candidates], streams).score)
''',
    },
    "rouge_n": {
        "wrong": '''def rouge_tokenize(text):
    """rouge-score's tokens (no stemming): lower case, runs of characters other than a-z and 0-9 separate tokens."""
    return re.findall(r"\\w+", text.lower())                 # \\w keeps accented letters and the underscore


def rouge_n(candidate, reference, n):
    """ROUGE-N of the candidate string against the reference string: {"precision", "recall", "fmeasure"}."""
    if n < 1:
        raise ValueError("n must be positive")
    c, r = rouge_tokenize(candidate), rouge_tokenize(reference)
    c_grams = Counter(tuple(c[i:i + n]) for i in range(len(c) - n + 1))
    r_grams = Counter(tuple(r[i:i + n]) for i in range(len(r) - n + 1))
    overlap = sum(min(count, r_grams[g]) for g, count in c_grams.items())
    p = overlap / max(sum(c_grams.values()), 1)
    rec = overlap / max(sum(r_grams.values()), 1)
    return {"precision": float(p), "recall": float(rec), "fmeasure": float(2 * p * rec / (p + rec)) if p + rec else 0.0}
''',
        "why": "tokenises with \\\\w+, which keeps 'café' and 'naïve' whole where rouge-score turns every character outside "
               "a-z and 0-9 into a separator",
        "alternative": '''def rouge_tokenize(text):
    """rouge-score's tokens (no stemming): lower case, runs of characters other than a-z and 0-9 separate tokens."""
    tokens, current = [], ""
    for character in text.lower():
        if character in "abcdefghijklmnopqrstuvwxyz0123456789":
            current += character
        elif current:
            tokens.append(current)
            current = ""
    return tokens + ([current] if current else [])


def rouge_n(candidate, reference, n):
    """ROUGE-N of the candidate string against the reference string: {"precision", "recall", "fmeasure"}."""
    if n <= 0:
        raise ValueError("n must be at least 1")
    mine, theirs = rouge_tokenize(candidate), rouge_tokenize(reference)
    mine_grams = [tuple(mine[i:i + n]) for i in range(len(mine) - n + 1)]
    their_grams = [tuple(theirs[i:i + n]) for i in range(len(theirs) - n + 1)]
    remaining = list(their_grams)
    overlap = 0
    for gram in mine_grams:
        if gram in remaining:
            remaining.remove(gram)
            overlap += 1
    precision = overlap / len(mine_grams) if mine_grams else 0.0
    recall = overlap / len(their_grams) if their_grams else 0.0
    f = 0.0 if overlap == 0 else 2 * precision * recall / (precision + recall)
    return {"precision": float(precision), "recall": float(recall), "fmeasure": float(f)}
''',
        "denied": '''def rouge_tokenize(text):
    """rouge-score's tokens (no stemming): lower case, runs of characters other than a-z and 0-9 separate tokens."""
    from rouge_score import tokenize

    return tokenize.tokenize(text, None)


def rouge_n(candidate, reference, n):
    """ROUGE-N of the candidate string against the reference string: {"precision", "recall", "fmeasure"}."""
    if n < 1:
        raise ValueError("n must be positive")
    score = rouge_scorer.RougeScorer([f"rouge{n}"], use_stemmer=False).score(reference, candidate)[f"rouge{n}"]
    return {"precision": float(score.precision), "recall": float(score.recall), "fmeasure": float(score.fmeasure)}
''',
    },
    "rouge_l": {
        "wrong": '''def rouge_l(candidate, reference):
    """ROUGE-L (longest common subsequence) of the candidate string against the reference string."""
    c, r = rouge_tokenize(candidate), rouge_tokenize(reference)
    if not c or not r:
        return {"precision": 0.0, "recall": 0.0, "fmeasure": 0.0}
    longest = 0                                           # the longest common SUBSTRING (contiguous run)
    for i in range(len(c)):
        for j in range(len(r)):
            k = 0
            while i + k < len(c) and j + k < len(r) and c[i + k] == r[j + k]:
                k += 1
            longest = max(longest, k)
    p, rec = longest / len(c), longest / len(r)
    return {"precision": float(p), "recall": float(rec), "fmeasure": float(2 * p * rec / (p + rec)) if longest else 0.0}
''',
        "why": "measures the longest common substring (contiguous tokens) instead of the longest common subsequence, "
               "so matches separated by other words do not count",
        "alternative": '''def rouge_l(candidate, reference):
    """ROUGE-L (longest common subsequence) of the candidate string against the reference string."""
    c, r = rouge_tokenize(candidate), rouge_tokenize(reference)
    if len(c) == 0 or len(r) == 0:
        return {"precision": 0.0, "recall": 0.0, "fmeasure": 0.0}
    table = np.zeros((len(c) + 1, len(r) + 1), dtype=np.int64)
    for i in range(len(c) - 1, -1, -1):                   # suffixes instead of prefixes
        for j in range(len(r) - 1, -1, -1):
            table[i, j] = table[i + 1, j + 1] + 1 if c[i] == r[j] else max(table[i + 1, j], table[i, j + 1])
    lcs = int(table[0, 0])
    if lcs == 0:
        return {"precision": 0.0, "recall": 0.0, "fmeasure": 0.0}
    precision, recall = lcs / len(c), lcs / len(r)
    return {"precision": precision, "recall": recall, "fmeasure": 2 * lcs / (len(c) + len(r))}
''',
        "denied": '''def rouge_l(candidate, reference):
    """ROUGE-L (longest common subsequence) of the candidate string against the reference string."""
    score = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False).score(reference, candidate)["rougeL"]
    return {"precision": float(score.precision), "recall": float(score.recall), "fmeasure": float(score.fmeasure)}
''',
    },
    "sliding_window_perplexity": {
        "wrong": '''def window_spans(num_tokens, context_length, stride):
    """Sliding windows over num_tokens tokens: [(begin, end, first_scored), ...], each new token scored once."""
    if num_tokens < 2 or context_length < 2 or not 1 <= stride <= context_length:
        raise ValueError("bad window settings")
    spans = []
    for begin in range(0, num_tokens - 1, stride):
        end = min(begin + context_length, num_tokens)
        spans.append((begin, end, begin + 1))              # scores EVERY token of the window again
        if end == num_tokens:
            break
    return spans


def sliding_window_perplexity(model, input_ids, context_length, stride):
    """exp of the mean negative log-likelihood of the tokens, each scored once in its sliding window.
    (The grader calls it through perplexity_with_random_gpt, defined in the cell after this one.)"""
    ids = torch.as_tensor(input_ids, dtype=torch.long).reshape(-1)
    nll, count = 0.0, 0
    with torch.no_grad():
        for begin, end, first in window_spans(len(ids), context_length, stride):
            window = ids[begin:end]
            logp = torch.log_softmax(model(window[None]).logits[0].double(), dim=-1)
            nll -= float(logp[torch.arange(first - begin - 1, end - begin - 1), window[first - begin:]].sum())
            count += end - first
    return math.exp(nll / count)
''',
        "why": "scores every token of every window, so with a stride below the context length the overlapping tokens are "
               "counted several times (mostly with short context)",
        "alternative": '''def window_spans(num_tokens, context_length, stride):
    """Sliding windows over num_tokens tokens: [(begin, end, first_scored), ...], each new token scored once."""
    if min(num_tokens, context_length) < 2 or stride < 1 or stride > context_length:
        raise ValueError("invalid sliding-window settings")
    spans = []
    begin, scored_until = 0, 1
    while scored_until < num_tokens:
        end = min(begin + context_length, num_tokens)
        first = max(scored_until, begin + 1)
        spans.append((int(begin), int(end), int(first)))
        scored_until = end
        begin += stride
    return spans


def sliding_window_perplexity(model, input_ids, context_length, stride):
    """exp of the mean negative log-likelihood of the tokens, each scored once in its sliding window.
    (The grader calls it through perplexity_with_random_gpt, defined in the cell after this one.)"""
    ids = torch.as_tensor(np.asarray(input_ids)).long().flatten()
    total, counted = torch.zeros((), dtype=torch.float64), 0
    with torch.no_grad():
        for begin, end, first in window_spans(int(ids.numel()), context_length, stride):
            labels = ids[begin:end].clone()
            labels[: first - begin] = -100                   # the positions already scored (or without context)
            logits = model(ids[begin:end].unsqueeze(0)).logits[0, :-1].double()
            total += F.cross_entropy(logits, labels[1:], ignore_index=-100, reduction="sum")
            counted += end - first
    return float(torch.exp(total / counted))
''',
    },
    "quiz": {
        "wrong": '''reversed_reference = "officials said the storm damaged houses"
reversed_candidate = " ".join(reversed(reversed_reference.split()))
# Set the six variables below.
predicted_reversed_rouge_l = 1.0                           # thinks ROUGE-L, like ROUGE-1, ignores the order
predicted_short_penalty = math.exp(1 - 25 / 10)            # the longest reference
predicted_window_count = 6                                 # 1000 / 128, rounded down, minus the overlap
measured_reversed_rouge_l = rouge_l(reversed_candidate, reversed_reference)["fmeasure"]
measured_short_penalty = brevity_penalty([10], [[20, 25]])
measured_window_count = len(window_spans(1000, 256, 128))
''',
        "why": "predicts ROUGE-L as if it ignored word order, the brevity penalty against the longest reference, and one "
               "window too few",
        "alternative": '''reversed_reference = "officials said the storm damaged houses"
reversed_candidate = " ".join(reversed(reversed_reference.split()))
# Set the six variables below.
predicted_reversed_rouge_l = 2 * (1 / 6) * (1 / 6) / (1 / 6 + 1 / 6)
predicted_short_penalty = 1 / math.e
predicted_window_count = 1 + math.ceil((1000 - 256) / 128)
scores = rouge_l(reversed_candidate, reversed_reference)
measured_reversed_rouge_l = float(scores["fmeasure"])
measured_short_penalty = float(brevity_penalty(candidate_lengths=[10], reference_lengths=[[25, 20]]))
measured_window_count = int(sum(1 for _ in window_spans(1000, 256, 128)))
''',
    },
}
