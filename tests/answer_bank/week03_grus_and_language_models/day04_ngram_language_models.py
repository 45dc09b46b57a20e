"""Answer bank of week03_grus_and_language_models day04_ngram_language_models: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "ngram_counts": {
        "wrong": '''def ngram_counts(sentences, n):
    """Counter: n-gram (tuple of n tokens) -> count, over the sentences padded with n - 1 BOS and one EOS."""
    counts = Counter()
    for sentence in sentences:
        padded = [BOS] * (n - 1) + list(sentence) + [EOS] * (n - 1)  # like nltk's pad_both_ends
        for i in range(len(padded) - n + 1):
            counts[tuple(padded[i:i + n])] += 1
    return counts


def ngram_count_rows(sentences, n):
    """Given (do not change): your counts as sorted [list(ngram), count] rows, the plain data the grader compares."""
    return sorted([list(ngram), int(count)] for ngram, count in ngram_counts(sentences, n).items())
''',
        "why": "pads the end with n - 1 EOS markers (pad_both_ends) instead of one",
        "alternative": '''def ngram_counts(sentences, n):
    """Counter: n-gram (tuple of n tokens) -> count, over the sentences padded with n - 1 BOS and one EOS."""
    counts = {}
    for sentence in sentences:
        window = (BOS,) * (n - 1)  # the n - 1 tokens before the next one
        for token in (*sentence, EOS):
            gram = window + (token,)
            counts[gram] = counts.get(gram, 0) + 1
            window = gram[1:]
    return counts


def ngram_count_rows(sentences, n):
    """Given (do not change): your counts as sorted [list(ngram), count] rows, the plain data the grader compares."""
    return sorted([list(ngram), int(count)] for ngram, count in ngram_counts(sentences, n).items())
''',
    },
    "addk_prob": {
        "wrong": '''def addk_prob(tables, word, context, k, vocab_size=None):
    """Add-k estimate (c(h w) + k) / (c(h) + k |V|) of P(word | context); |V| = len(tables.vocabulary) by default."""
    size = len(tables.vocabulary)  # |V| of the model
    return (tables.count(context, word) + k) / (tables.total(context) + k * size)


def addk_probs_for_grader(sentences, order, queries, k, vocab_size=None):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and returns
    addk_prob for each [context, word] in `queries`, as a list of floats."""
    tables = CountTables(sentences, order)
    return [float(addk_prob(tables, word, tuple(context), k, vocab_size)) for context, word in queries]
''',
        "why": "ignores the vocab_size argument and always uses len(tables.vocabulary)",
        "alternative": '''def addk_prob(tables, word, context, k, vocab_size=None):
    """Add-k estimate (c(h w) + k) / (c(h) + k |V|) of P(word | context); |V| = len(tables.vocabulary) by default."""
    followers = tables.followers(tuple(context))  # Counter of the words seen after the context
    size = len(tables.vocabulary) if vocab_size is None else vocab_size
    numerator = followers[word] + k
    denominator = sum(followers.values()) + size * k
    return float(numerator / denominator)


def addk_probs_for_grader(sentences, order, queries, k, vocab_size=None):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and returns
    addk_prob for each [context, word] in `queries`, as a list of floats."""
    tables = CountTables(sentences, order)
    return [float(addk_prob(tables, word, tuple(context), k, vocab_size)) for context, word in queries]
''',
    },
    "interpolated_prob": {
        "wrong": '''def interpolated_prob(tables, word, context, lambdas):
    """Linear interpolation of the ML estimates of orders 1 .. len(context) + 1 (weights lambdas, unigram first);
    orders whose context was never seen are left out and the remaining weights renormalised."""
    context = tuple(context)
    total_weight, mixed = 0.0, 0.0
    for j, weight in enumerate(lambdas):
        history = context[-j:]  # the last j tokens
        if tables.total(history) > 0:
            mixed += weight * tables.count(history, word) / tables.total(history)
            total_weight += weight
    return mixed / total_weight


def interpolated_probs_for_grader(sentences, order, queries, lambdas):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and returns
    interpolated_prob for each [context, word] in `queries` (every context has len(lambdas) - 1 tokens)."""
    tables = CountTables(sentences, order)
    return [float(interpolated_prob(tables, word, tuple(context), lambdas)) for context, word in queries]
''',
        "why": "slices the last j tokens as context[-j:], which is the whole context for j = 0",
        "alternative": '''def interpolated_prob(tables, word, context, lambdas):
    """Linear interpolation of the ML estimates of orders 1 .. len(context) + 1 (weights lambdas, unigram first);
    orders whose context was never seen are left out and the remaining weights renormalised."""
    context = tuple(context)
    # suffixes[j] holds the last j tokens: (), (w_-1,), (w_-2, w_-1), ...
    suffixes = [context[start:] for start in range(len(context), -1, -1)]
    seen = [tables.total(history) > 0 for history in suffixes]
    estimates = [tables.count(history, word) / tables.total(history) if ok else 0.0
                 for history, ok in zip(suffixes, seen)]
    numerator = sum(weight * estimate for weight, estimate, ok in zip(lambdas, estimates, seen) if ok)
    denominator = sum(weight for weight, ok in zip(lambdas, seen) if ok)
    return numerator / denominator


def interpolated_probs_for_grader(sentences, order, queries, lambdas):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and returns
    interpolated_prob for each [context, word] in `queries` (every context has len(lambdas) - 1 tokens)."""
    tables = CountTables(sentences, order)
    return [float(interpolated_prob(tables, word, tuple(context), lambdas)) for context, word in queries]
''',
    },
    "stupid_backoff_score": {
        "wrong": '''def stupid_backoff_score(tables, word, context, alpha=0.4):
    """Stupid backoff: the ML estimate of the longest context that was seen with `word`, times alpha per step back."""
    context = tuple(context)
    if not context:
        return tables.count((), word) / tables.total(())
    if tables.count(context, word) > 0:
        return tables.count(context, word) / tables.total(context)
    return alpha * stupid_backoff_score(tables, word, context[:-1], alpha)  # drop a token and try again


def stupid_backoff_scores_for_grader(sentences, order, queries, alpha):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and returns
    stupid_backoff_score for each [context, word] in `queries`."""
    tables = CountTables(sentences, order)
    return [float(stupid_backoff_score(tables, word, tuple(context), alpha)) for context, word in queries]
''',
        "why": "backs off by dropping the newest token (context[:-1]) instead of the oldest",
        "alternative": '''def stupid_backoff_score(tables, word, context, alpha=0.4):
    """Stupid backoff: the ML estimate of the longest context that was seen with `word`, times alpha per step back."""
    context = tuple(context)
    if len(context) == 0:
        return tables.count((), word) / tables.total(())
    seen = tables.count(context, word)
    if seen:
        return seen / tables.total(context)
    return alpha * stupid_backoff_score(tables, word, context[1:], alpha)


def stupid_backoff_scores_for_grader(sentences, order, queries, alpha):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and returns
    stupid_backoff_score for each [context, word] in `queries`."""
    tables = CountTables(sentences, order)
    return [float(stupid_backoff_score(tables, word, tuple(context), alpha)) for context, word in queries]
''',
    },
    "kneser_ney": {
        "wrong": '''class KneserNey:
    """Interpolated Kneser-Ney on the counts of a CountTables, with one absolute discount for every order."""

    def __init__(self, tables, discount=0.75):
        self.tables = tables
        self.discount = discount
        self.continuations, self.continuation_totals = {}, {}
        for n in range(1, tables.order):
            table = defaultdict(Counter)
            for longer_context, followers in tables.next_counts[n + 1].items():
                for word, count in followers.items():
                    table[longer_context[1:]][word] += count  # how often x h w occurred
            self.continuations[n] = dict(table)
            self.continuation_totals[n] = {h: sum(c.values()) for h, c in table.items()}

    def prob(self, word, context):
        """P_KN(word | context); len(context) sets the top order (raw counts there, continuation counts below)."""
        context = tuple(context)
        d = self.discount
        if not context:
            return self.tables.count((), word) / self.tables.total(())
        followers = self.tables.followers(context)
        lower = self._lower(word, context[1:])
        if not followers:
            return lower
        total = self.tables.total(context)
        return (max(followers[word] - d, 0.0) + d * len(followers) * lower) / total

    def _lower(self, word, context):
        n = len(context) + 1
        counts = self.continuations[n].get(context)
        if not context:
            return counts[word] / self.continuation_totals[n][()]
        lower = self._lower(word, context[1:])
        if not counts:
            return lower
        d = self.discount
        return (max(counts[word] - d, 0.0) + d * len(counts) * lower) / self.continuation_totals[n][context]


def kneser_ney_probs_for_grader(sentences, order, queries, discount):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and
    KneserNey(tables, discount), and returns prob for each [context, word] in `queries`."""
    model = KneserNey(CountTables(sentences, order), discount)
    return [float(model.prob(word, tuple(context))) for context, word in queries]
''',
        "why": "lower orders use the raw counts c(x h w) instead of the number of distinct x (continuation counts)",
        "alternative": '''class KneserNey:
    """Interpolated Kneser-Ney on the counts of a CountTables, with one absolute discount for every order."""

    def __init__(self, tables, discount=0.75):
        self.tables = tables
        self.discount = discount
        self.continuations = {}
        self.types_before = {}  # n -> {h: N1+(. h .)}
        for n in range(1, tables.order):
            by_context = {}
            for longer_context, followers in tables.next_counts[n + 1].items():
                # each distinct word w after (x, *h) is one (x, h, w) type
                by_context.setdefault(longer_context[1:], Counter()).update(followers.keys())
            self.continuations[n] = by_context
            self.types_before[n] = {h: sum(counter.values()) for h, counter in by_context.items()}

    def prob(self, word, context):
        """P_KN(word | context); len(context) sets the top order (raw counts there, continuation counts below)."""
        context = tuple(context)
        if len(context) == 0:
            return self.tables.count((), word) / self.tables.total(())
        d = self.discount
        # bottom-up: P_cont(w) first, then every lower order up to len(context) - 1 tokens of context
        unigram = self.continuations[1][()]
        estimate = unigram[word] / self.types_before[1][()]
        for size in range(1, len(context)):
            history = context[len(context) - size:]
            counter = self.continuations[size + 1].get(history)
            if counter:
                estimate = (max(counter[word] - d, 0.0) + d * len(counter) * estimate) \\
                    / self.types_before[size + 1][history]
        followers = self.tables.followers(context)  # top order: raw counts
        if followers:
            estimate = (max(followers[word] - d, 0.0) + d * len(followers) * estimate) / self.tables.total(context)
        return estimate


def kneser_ney_probs_for_grader(sentences, order, queries, discount):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and
    KneserNey(tables, discount), and returns prob for each [context, word] in `queries`."""
    model = KneserNey(CountTables(sentences, order), discount)
    return [float(model.prob(word, tuple(context))) for context, word in queries]
''',
    },
    "generate_sentence": {
        "wrong": '''def sample_next(prob, context, vocabulary, rng):
    """Draw the next token from prob(., context), normalised over `vocabulary`, with one rng.choice call."""
    probs = np.array([prob(w, context) for w in vocabulary], dtype=float)
    probs = probs / probs.sum()
    return str(vocabulary[rng.choice(len(vocabulary), p=probs)])


def generate_sentence(prob, order, vocabulary, rng, max_words=30):
    """Sample words from (BOS,) * (order - 1) until EOS or max_words; returns the words without markers."""
    tokens = [BOS] * (order - 1)
    words = []
    while len(words) <= max_words:  # keep going until the limit
        context = tuple(tokens[len(tokens) - (order - 1):])
        word = sample_next(prob, context, vocabulary, rng)
        if word == EOS:
            break
        words.append(word)
        tokens.append(word)
    return words


def generate_for_grader(vocabulary, table, order, seed, max_words):
    """Given (do not change): the grader's entry point. `table` maps ' '.join(context) to the probabilities
    (or scores) of the tokens of `vocabulary`, in order; the sentence is generated with default_rng(seed)."""
    def table_prob(word, context):
        return table[" ".join(context)][vocabulary.index(word)]

    words = generate_sentence(table_prob, order, vocabulary, np.random.default_rng(seed), max_words)
    return [str(word) for word in words]
''',
        "why": "off by one at the length limit: `<=` lets the sentence grow to max_words + 1 words",
        "alternative": '''def sample_next(prob, context, vocabulary, rng):
    """Draw the next token from prob(., context), normalised over `vocabulary`, with one rng.choice call."""
    scores = np.fromiter((prob(token, context) for token in vocabulary), dtype=float, count=len(vocabulary))
    chosen = rng.choice(len(vocabulary), p=scores / scores.sum())
    return str(vocabulary[chosen])


def generate_sentence(prob, order, vocabulary, rng, max_words=30):
    """Sample words from (BOS,) * (order - 1) until EOS or max_words; returns the words without markers."""
    context = (BOS,) * (order - 1)
    sentence = []
    for _ in range(max_words):
        token = sample_next(prob, context, vocabulary, rng)
        if token == EOS:
            break
        sentence.append(token)
        if order > 1:
            context = context[1:] + (token,)  # slide the window one token to the right
    return sentence


def generate_for_grader(vocabulary, table, order, seed, max_words):
    """Given (do not change): the grader's entry point. `table` maps ' '.join(context) to the probabilities
    (or scores) of the tokens of `vocabulary`, in order; the sentence is generated with default_rng(seed)."""
    def table_prob(word, context):
        return table[" ".join(context)][vocabulary.index(word)]

    words = generate_sentence(table_prob, order, vocabulary, np.random.default_rng(seed), max_words)
    return [str(word) for word in words]
''',
    },
    "absolute_discount_prob": {
        "wrong": '''def absolute_discount_prob(tables, word, context, discount=0.75):
    """Interpolated absolute discounting: discounted counts of `context`, freed mass to the next lower order."""
    context = tuple(context)
    if not context:
        return tables.count((), word) / tables.total(())
    lower = absolute_discount_prob(tables, word, context[:-1], discount)     # drops the NEWEST token
    total = tables.total(context)
    if total == 0:
        return lower
    followers = tables.followers(context)
    return max(followers[word] - discount, 0.0) / total + discount * len(followers) / total * lower


def absolute_discount_probs_for_grader(sentences, order, queries, discount):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and returns
    absolute_discount_prob for each [context, word] in `queries`, as a list of floats."""
    tables = CountTables(sentences, order)
    return [float(absolute_discount_prob(tables, word, tuple(context), discount)) for context, word in queries]
''',
        "why": "backs off by dropping the newest token of the context instead of the oldest one",
        "alternative": '''def absolute_discount_prob(tables, word, context, discount=0.75):
    """Interpolated absolute discounting: discounted counts of `context`, freed mass to the next lower order."""
    orders = [tuple(context)[start:] for start in range(len(context) + 1)]  # longest first, () last
    probability = tables.count((), word) / tables.total(())
    for history in reversed(orders[:-1]):  # from the bigram context up to the full one
        seen = tables.followers(history)
        c_h = tables.total(history)
        if c_h > 0:
            n_distinct = sum(1 for count in seen.values() if count > 0)
            probability = max(seen[word] - discount, 0) / c_h + (discount * n_distinct / c_h) * probability
    return float(probability)


def absolute_discount_probs_for_grader(sentences, order, queries, discount):
    """Given (do not change): the grader's entry point. Builds CountTables(sentences, order) and returns
    absolute_discount_prob for each [context, word] in `queries`, as a list of floats."""
    tables = CountTables(sentences, order)
    return [float(absolute_discount_prob(tables, word, tuple(context), discount)) for context, word in queries]
''',
    },
    "quiz": {
        "wrong": '''quiz_followers = [f"w{i}" for i in range(15)]
quiz_corpus = [["x", word] for word in quiz_followers] + [["x", word] for word in quiz_followers[:5]]  # x seen 20 times
quiz_small = [["a", "b"], ["b"]]
# Set the six variables below.
predicted_add_one_unseen = 3985 / (20 + 4000)
predicted_kn_end = (2 - 0.75) / 2 + 0.75 * 1 * (2 / 5) / 2  # a plain unigram c(</s>)/c(()) as the lower order
predicted_discount_a = 0.75 * 1 / 2 * (1 / 4)             # a continuation count as the lower order
quiz_tables = CountTables(quiz_corpus, 2)
measured_add_one_unseen = 1.0 - sum(addk_prob(quiz_tables, word, ("x",), 1.0, vocab_size=4000)
                                    for word in quiz_followers)
small_tables = CountTables(quiz_small, 2)
measured_kn_end = float(KneserNey(small_tables, 0.75).prob(EOS, ("b",)))
measured_discount_a = absolute_discount_prob(small_tables, "a", ("b",), 0.75)
''',
        "why": "swaps the lower orders: a raw unigram inside Kneser-Ney and a continuation count inside absolute discounting",
        "alternative": '''quiz_followers = [f"w{i}" for i in range(15)]
quiz_corpus = [["x", word] for word in quiz_followers] + [["x", word] for word in quiz_followers[:5]]  # x seen 20 times
quiz_small = [["a", "b"], ["b"]]
# Set the six variables below.
seen, V = 20, 4000
predicted_add_one_unseen = 1 - (seen + 15) / (seen + V)
predicted_kn_end = 0.625 + 0.09375
predicted_discount_a = 3 / 40
tables_x = CountTables(sentences=quiz_corpus, order=2)
seen_mass = 0.0
for follower in sorted(set(quiz_followers)):
    seen_mass += addk_prob(tables_x, follower, ("x",), k=1.0, vocab_size=4000)
measured_add_one_unseen = float(1 - seen_mass)
tables_small = CountTables(quiz_small, order=2)
model = KneserNey(tables_small, discount=0.75)
measured_kn_end = float(model.prob("</s>", ("b",)))
measured_discount_a = float(absolute_discount_prob(tables_small, "a", ["b"], discount=0.75))
''',
    },
}
