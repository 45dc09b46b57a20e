"""Answer bank of week07_rl_for_llms day06_reasoning_and_prolonged_rl: a plausible wrong answer, a correct
alternative and, where the checks deny a call, an answer that makes it, per exercise."""

BANK = {
    "pass_at_k": {
        "wrong": '''def pass_at_k(n, c, k):
    """Unbiased pass@k from n samples with c correct, in the stable product form."""
    if not 0 <= c <= n or not 1 <= k <= n:
        raise ValueError("bad arguments")
    if n - c < k:
        return 1.0
    product = 1.0
    for i in range(n - c, n + 1):                 # one factor too many: starts at n - c
        product *= 1.0 - k / i
    return float(1.0 - product)
''',
        "why": "runs the product from n - c instead of n - c + 1, so it multiplies c + 1 factors and is wrong "
               "everywhere (even c = 0 gives k/n instead of 0)",
        "alternative": '''def pass_at_k(n, c, k):
    """Unbiased pass@k from n samples with c correct, in the stable product form."""
    if c < 0 or c > n or k < 1 or k > n:
        raise ValueError(f"invalid (n, c, k) = {(n, c, k)}")
    if c > n - k:
        return 1.0
    denominators = np.arange(n - c + 1, n + 1, dtype=np.float64)
    return float(-np.expm1(np.sum(np.log1p(-k / denominators))))
''',
        "denied": '''def pass_at_k(n, c, k):
    """Unbiased pass@k from n samples with c correct, in the stable product form."""
    if c < 0 or c > n or k < 1 or k > n:
        raise ValueError("invalid arguments")
    return float(1 - math.comb(n - c, k) / math.comb(n, k))
''',
    },
    "benchmark_pass_at_k": {
        "wrong": '''def benchmark_pass_at_k(correct, k):
    """Mean over problems of pass@k, from a bool (problems, n) array of verdicts."""
    correct = np.asarray(correct, dtype=bool)
    problems, n = correct.shape
    return pass_at_k(problems * n, int(correct.sum()), k)      # pools every sample of every problem
''',
        "why": "pools the samples of all problems into one count before estimating, instead of averaging the "
               "per-problem estimates: pass@k then behaves as if every problem had the average difficulty",
        "alternative": '''def benchmark_pass_at_k(correct, k):
    """Mean over problems of pass@k, from a bool (problems, n) array of verdicts."""
    verdicts = np.array(correct, dtype=bool, copy=True)
    if verdicts.ndim != 2 or len(verdicts) == 0:
        raise ValueError("need a (problems, n) array")
    n = verdicts.shape[1]
    if not 1 <= k <= n:
        raise ValueError("need 1 <= k <= n")
    total = 0.0
    for right in verdicts.sum(axis=1).tolist():
        if n - right < k:
            total += 1.0
        else:
            total += 1.0 - math.prod(1.0 - k / i for i in range(n - right + 1, n + 1))
    return total / len(verdicts)
''',
    },
    "best_of_n": {
        "wrong": '''def best_of_n(scores, n):
    """int64 (prompts,): index of the best-scored of the first n candidates of each prompt (ties: lowest index)."""
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 2 or not 1 <= n <= scores.shape[1]:
        raise ValueError("bad n")
    return np.argmax(scores[:, :n], axis=1).astype(np.int64)          # nan wins in np.argmax
''',
        "why": "uses np.argmax directly, which returns the position of a nan score, so a crashed verifier's "
               "candidate is selected",
        "alternative": '''def best_of_n(scores, n):
    """int64 (prompts,): index of the best-scored of the first n candidates of each prompt (ties: lowest index)."""
    table = np.array(scores, dtype=np.float64)
    if table.ndim != 2 or n < 1 or n > table.shape[1]:
        raise ValueError("n out of range")
    picks = []
    for row in table:
        best, best_score = 0, None
        for index in range(n):
            value = row[index]
            if math.isnan(value):
                continue
            if best_score is None or value > best_score:
                best, best_score = index, value
        picks.append(best)
    return np.array(picks, dtype=np.int64)
''',
    },
    "majority_vote": {
        "wrong": '''def majority_vote(answers):
    """The most frequent answer; ties go to the answer seen first."""
    if not answers:
        raise ValueError("no answers")
    counts = Counter(answers)
    ranked = sorted(counts.items(), key=lambda item: item[1])     # stable: ties stay in first-seen order
    return ranked[-1][0]                                          # ... and the LAST of the tied ones is taken
''',
        "why": "takes the last of the tied answers in first-seen order, so a tie goes to the answer seen last",
        "alternative": '''def majority_vote(answers):
    """The most frequent answer; ties go to the answer seen first."""
    answers = list(answers)
    if len(answers) == 0:
        raise ValueError("empty")
    counts = Counter(answers)
    first_seen = {}
    for position, answer in enumerate(answers):
        first_seen.setdefault(answer, position)
    return min(counts, key=lambda answer: (-counts[answer], first_seen[answer]))
''',
        "denied": '''def majority_vote(answers):
    """The most frequent answer; ties go to the answer seen first."""
    import statistics

    if not answers:
        raise ValueError("empty")
    return statistics.mode(list(answers))
''',
    },
    "weighted_reward": {
        "wrong": '''def weighted_reward(objectives, weights):
    """float64 (candidates,): the weighted sum of the objectives, each standardised over the candidates."""
    objectives = np.asarray(objectives, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    if objectives.ndim != 2 or len(objectives) == 0 or weights.shape != (objectives.shape[1],):
        raise ValueError("shapes")
    if (weights < 0).any() or abs(weights.sum() - 1) > 1e-9:
        raise ValueError("weights")
    if len(objectives) == 1:
        return np.zeros(1)
    spread = objectives.std(axis=0, ddof=1)                          # the sample standard deviation
    z = np.where(spread > 0, (objectives - objectives.mean(axis=0)) / np.where(spread > 0, spread, 1), 0.0)
    return z @ weights
''',
        "why": "standardises with the sample standard deviation (ddof=1) instead of the population one, so every "
               "reward is shrunk by sqrt((n-1)/n)",
        "alternative": '''def weighted_reward(objectives, weights):
    """float64 (candidates,): the weighted sum of the objectives, each standardised over the candidates."""
    import statistics

    table = np.array(objectives, dtype=np.float64)
    w = [float(x) for x in weights]
    if table.ndim != 2 or table.shape[0] < 1:
        raise ValueError("objectives must be 2-D and non-empty")
    if len(w) != table.shape[1] or min(w, default=0.0) < 0 or abs(sum(w) - 1.0) > 1e-9:
        raise ValueError("bad weights")
    total = np.zeros(table.shape[0])
    for column, weight in zip(table.T, w):
        centre, spread = statistics.fmean(column), statistics.pstdev(column)
        if spread > 0:
            total += weight * (column - centre) / spread
    return total.astype(np.float64)
''',
        "denied": '''def weighted_reward(objectives, weights):
    """float64 (candidates,): the weighted sum of the objectives, each standardised over the candidates."""
    objectives = np.asarray(objectives, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    if objectives.ndim != 2 or len(objectives) == 0 or weights.shape != (objectives.shape[1],):
        raise ValueError("shapes")
    if (weights < 0).any() or abs(weights.sum() - 1) > 1e-9:
        raise ValueError("weights")
    return np.nan_to_num(scipy.stats.zscore(objectives, axis=0)) @ weights
''',
    },
    "pareto_front": {
        "wrong": '''def pareto_front(points):
    """int64: indices (increasing) of the points that no other point dominates (higher is better)."""
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2:
        raise ValueError("2-D please")
    keep = [i for i, a in enumerate(points) if not any((b > a).all() for b in points)]   # strictly better everywhere
    return np.array(keep, dtype=np.int64)
''',
        "why": "calls a point dominated only when another is strictly better on every objective, so a point that "
               "ties on one objective and loses on another stays on the front",
        "alternative": '''def pareto_front(points):
    """int64: indices (increasing) of the points that no other point dominates (higher is better)."""
    table = np.array(points, dtype=np.float64)
    if table.ndim != 2:
        raise ValueError("points must be 2-D")
    front = []
    for i in range(len(table)):
        beaten = False
        for j in range(len(table)):
            if i != j and np.all(table[j] >= table[i]) and np.any(table[j] != table[i]):
                beaten = True
                break
        if not beaten:
            front.append(i)
    return np.asarray(front, dtype=np.int64)
''',
    },
    "constrained_reward": {
        "wrong": '''def constrained_reward(primary, constraint, threshold, multiplier):
    """float64: primary + multiplier * (constraint - threshold), elementwise."""
    primary, constraint = np.asarray(primary, dtype=np.float64), np.asarray(constraint, dtype=np.float64)
    if primary.shape != constraint.shape or multiplier < 0:
        raise ValueError("bad input")
    return primary + multiplier * (constraint - threshold)


def update_multiplier(multiplier, constraint_mean, threshold, step_size):
    """One dual-descent step: the multiplier grows while the constraint mean is below the threshold."""
    if step_size <= 0:
        raise ValueError("step_size must be positive")
    return float(max(0.0, multiplier + step_size * (constraint_mean - threshold)))   # ascent: wrong sign
''',
        "why": "updates the multiplier with the wrong sign, so it shrinks while the constraint is violated and "
               "grows once it holds",
        "alternative": '''def constrained_reward(primary, constraint, threshold, multiplier):
    """float64: primary + multiplier * (constraint - threshold), elementwise."""
    a = np.array(primary, dtype=np.float64)
    b = np.array(constraint, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError("shapes differ")
    if multiplier < 0:
        raise ValueError("negative multiplier")
    return np.add(a, np.multiply(float(multiplier), np.subtract(b, float(threshold))))


def update_multiplier(multiplier, constraint_mean, threshold, step_size):
    """One dual-descent step: the multiplier grows while the constraint mean is below the threshold."""
    if not step_size > 0:
        raise ValueError("need a positive step")
    violation = threshold - constraint_mean
    new = multiplier + step_size * violation
    return float(new) if new > 0 else 0.0
''',
    },
    "quiz": {
        "wrong": '''quiz_correct = np.random.default_rng(0).random((20_000, 4)) < 0.3          # (20000, 4) simulated verdicts
# Set the six variables below.
predicted_pass_at_1 = 0.3
predicted_sure_pass = 1.0
predicted_best_of_4 = 0.3 ** 4                               # all four right, not at least one
measured_pass_at_1 = pass_at_k(10, 3, 1)
measured_sure_pass = pass_at_k(10, 8, 3)
measured_best_of_4 = float(quiz_correct.all(axis=1).mean())
''',
        "why": "confuses 'at least one of four is right' with 'all four are right', in the prediction and the measurement",
        "alternative": '''quiz_correct = np.random.default_rng(0).random((20_000, 4)) < 0.3          # (20000, 4) simulated verdicts
# Set the six variables below.
predicted_pass_at_1 = 3 / 10
predicted_sure_pass = float(1)
predicted_best_of_4 = float(1 - (1 - 0.3) ** 4)
measured_pass_at_1 = float(pass_at_k(n=10, c=3, k=1))
measured_sure_pass = float(pass_at_k(n=10, c=8, k=3))
picks = best_of_n(np.where(quiz_correct, 1.0, 0.0), 4)
measured_best_of_4 = float(np.mean([quiz_correct[row, pick] for row, pick in enumerate(picks)]))
''',
    },
}
