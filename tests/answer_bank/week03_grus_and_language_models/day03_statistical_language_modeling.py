"""Answer bank of week03_grus_and_language_models day03_statistical_language_modeling: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "build_vocabulary": {
        "wrong": '''def build_vocabulary(sentences, min_count=2):
    """Words occurring at least `min_count` times, by decreasing count then string order, then "<unk>"."""
    counts = Counter(word for sentence in sentences for word in sentence)
    kept = [word for word, count in counts.items() if count > min_count]  # "more than min_count"
    return sorted(kept, key=lambda word: (-counts[word], word)) + ["<unk>"]


def prepare_sentences(sentences, vocabulary):
    """Each sentence as ["<s>", tokens with out-of-vocabulary ones replaced by "<unk>", "</s>"]."""
    known = set(vocabulary)
    return [["<s>"] + [word if word in known else "<unk>" for word in sentence] + ["</s>"] for sentence in sentences]
''',
        "why": "keeps words with count > min_count instead of >= min_count",
        "alternative": '''def build_vocabulary(sentences, min_count=2):
    """Words occurring at least `min_count` times, by decreasing count then string order, then "<unk>"."""
    counts = {}
    for sentence in sentences:
        for word in sentence:
            counts[word] = counts.get(word, 0) + 1
    frequent = sorted(word for word, count in counts.items() if count >= min_count)  # string order first
    frequent.sort(key=counts.get, reverse=True)  # stable: equal counts keep their string order
    frequent.append("<unk>")
    return frequent


def prepare_sentences(sentences, vocabulary):
    """Each sentence as ["<s>", tokens with out-of-vocabulary ones replaced by "<unk>", "</s>"]."""
    lookup = frozenset(vocabulary)
    prepared = []
    for sentence in sentences:
        marked = ["<s>"]
        for token in sentence:
            marked.append(token if token in lookup else "<unk>")
        marked.append("</s>")
        prepared.append(marked)
    return prepared
''',
    },
    "bigram_counts": {
        "wrong": '''def bigram_counts(sentences):
    """counts[prev][word]: how often `word` follows `prev` inside a sentence (observed pairs only)."""
    counts = {}
    for sentence in sentences:
        for prev, word in zip(sentence, sentence[1:]):
            counts.setdefault(prev, {})
            counts[prev][word] = counts[prev].get(word, 0) + 1
    return counts


def bigram_mle(counts):
    """model[prev][word] = counts[prev][word] / (sum of counts[prev]): relative counts per history."""
    n_bigrams = sum(sum(following.values()) for following in counts.values())
    return {prev: {word: count / n_bigrams for word, count in following.items()} for prev, following in counts.items()}
''',
        "why": "divides by the total number of bigrams (joint P(h, w)) instead of the count of the history",
        "alternative": '''def bigram_counts(sentences):
    """counts[prev][word]: how often `word` follows `prev` inside a sentence (observed pairs only)."""
    pairs = Counter(pair for sentence in sentences for pair in zip(sentence[:-1], sentence[1:]))
    nested = {}
    for (prev, word), count in pairs.items():
        if prev not in nested:
            nested[prev] = {}
        nested[prev][word] = int(count)
    return nested


def bigram_mle(counts):
    """model[prev][word] = counts[prev][word] / (sum of counts[prev]): relative counts per history."""
    model = {}
    for prev in counts:
        history_total = 0
        for count in counts[prev].values():
            history_total += count
        model[prev] = {}
        for word in counts[prev]:
            model[prev][word] = float(counts[prev][word]) / history_total
    return model
''',
    },
    "sentence_log_prob": {
        "wrong": '''def sentence_log_prob(sentence, model):
    """Natural log of P(sentence) under a bigram model; -inf if any bigram has probability 0."""
    probability = 1.0
    for prev, word in zip(sentence, sentence[1:]):
        probability *= model.get(prev, {}).get(word, 0.0)
    return math.log(probability) if probability > 0 else -math.inf
''',
        "why": "multiplies probabilities and takes the log at the end: long sentences underflow to -inf",
        "alternative": '''def sentence_log_prob(sentence, model):
    """Natural log of P(sentence) under a bigram model; -inf if any bigram has probability 0."""
    probabilities = np.array([model[prev][word] if prev in model and word in model[prev] else 0.0
                              for prev, word in zip(sentence[:-1], sentence[1:])], dtype=np.float64)
    if np.any(probabilities <= 0.0):
        return -math.inf
    return float(np.log(probabilities).sum())
''',
    },
    "perplexity": {
        "wrong": '''def perplexity(sentences, model):
    """exp(-(total natural log-probability) / (number of predicted tokens)); inf if any sentence is impossible."""
    total = sum(sentence_log_prob(sentence, model) for sentence in sentences)
    if total == -math.inf:
        return math.inf
    n_tokens = sum(len(sentence) for sentence in sentences)  # every token of every sentence
    return math.exp(-total / n_tokens)
''',
        "why": "counts <s> as a predicted token (N = sum of len(sentence) instead of len(sentence) - 1)",
        "alternative": '''def perplexity(sentences, model):
    """exp(-(total natural log-probability) / (number of predicted tokens)); inf if any sentence is impossible."""
    bits, predictions = 0.0, 0
    for sentence in sentences:
        for prev, word in zip(sentence, sentence[1:]):
            p = model.get(prev, {}).get(word, 0.0)
            if p <= 0.0:
                return math.inf
            bits -= math.log2(p)
            predictions += 1
    return 2.0 ** (bits / predictions)  # 2 ** (cross-entropy in bits)
''',
    },
    "quiz": {
        "wrong": '''# Set each variable to "a", "b" or "c".
q1_one_zero = "c"
q2_cutoff = "c"
q3_end_marker = "a"
''',
        "why": "q1: thinks log 0 makes the perplexity undefined; it is infinite",
        "alternative": '''# Set each variable to "a", "b" or "c".
answers = {"q1_one_zero": "b", "q2_cutoff": "c", "q3_end_marker": "a"}
q1_one_zero, q2_cutoff, q3_end_marker = answers["q1_one_zero"], answers["q2_cutoff"], answers["q3_end_marker"]
''',
    },
}
