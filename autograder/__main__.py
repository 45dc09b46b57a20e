"""Instructor commands: ``python -m autograder {release,grade,rotate-seeds,publish-student}``.

Exit status: 0 when all went well; 1 when ``grade`` finished but some student's submission had a
problem (each listed in the grades CSV); 2 when nothing was done (the error says why).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from autograder import grade, ingest, paths, release, seeds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    release_cmd = commands.add_parser("release", help="regenerate course/ from solutions/")
    release_cmd.add_argument("weeks", nargs="*", help="week folders (default: all)")

    grade_cmd = commands.add_parser("grade", help="grade a folder or LMS zip of submissions")
    grade_cmd.add_argument("week", help="week folder, e.g. week01_text_preprocessing_and_embeddings")
    grade_cmd.add_argument("submissions", type=Path, help="folder of notebooks or an LMS .zip download")
    grade_cmd.add_argument("--plain", action="store_true",
                           help="run hidden tests in the student's kernel (plain nbgrader; NOT safe, for comparison)")
    grade_cmd.add_argument("--seed", type=int, default=0, help="seed for generated test inputs (default: the assignment's, "
                                "stored in autograder/grading_seeds.json)")
    grade_cmd.add_argument("--time-limit", type=float, default=300.0, help="seconds per student notebook")
    grade_cmd.add_argument("--jobs", type=int, default=grade.default_jobs(),
                           help="notebooks graded at once, each in its own sandbox (default: the number of "
                                "cores, %(default)s here); the grades do not depend on it")

    rotate_cmd = commands.add_parser("rotate-seeds", help="draw new input seeds for a new course offering")
    rotate_cmd.add_argument("offering", help="a name for the offering, e.g. 2027-spring")

    publish_cmd = commands.add_parser("publish-student", help="copy the student-only course to DIR")
    publish_cmd.add_argument("destination", type=Path)

    args = parser.parse_args(argv)
    # nbgrader's gradebook triggers SQLAlchemy session warnings that say nothing to an instructor.
    warnings.filterwarnings("ignore", module="sqlalchemy")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    try:
        if args.command == "release":
            unknown = [w for w in args.weeks if w not in paths.weeks()]
            if unknown:
                raise release.ReleaseError(f"Unknown week(s) {unknown}; weeks: {', '.join(paths.weeks())}")
            for written in release.release(args.weeks or None):
                print("released", written.relative_to(paths.REPO))
        elif args.command == "grade":
            report = grade.grade(args.week, args.submissions, plain=args.plain, seed=args.seed,
                                 wall_seconds=args.time_limit, jobs=args.jobs, progress=True)
            print(f"graded {len(report.students)} student(s) with input seed {report.seed}")
            print(f"grades:   {report.csv_path}")
            print(f"feedback: {report.feedback_dir}")
            if report.problems:
                print(f"{len(report.problems)} problem(s), listed in the CSV")
                return 1
        elif args.command == "rotate-seeds":
            data = seeds.rotate(args.offering)
            print(f"new input seeds for {data['offering']} ({len(data['weeks'])} weeks) in {seeds.SEEDS_FILE}")
        elif args.command == "publish-student":
            print("published", release.publish_student(args.destination))
    except (release.ReleaseError, ingest.LayoutError, grade.GradebookTampered, FileNotFoundError,
            RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
