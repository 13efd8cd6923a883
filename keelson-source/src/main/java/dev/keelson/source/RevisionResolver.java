package dev.keelson.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * Turns a revision string into a commit, in the order: default branch, branch, tag, commit id,
 * semver range over tags. The order matters when names collide: a branch called {@code 1.x}
 * wins over the range {@code 1.x}, as a user naming it would expect.
 */
final class RevisionResolver {

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,40}");
  private static final Pattern HAS_DIGIT = Pattern.compile(".*\\d.*");

  private final Repository repo;
  private final String redactedUrl;

  RevisionResolver(Repository repo, String redactedUrl) {
    this.repo = repo;
    this.redactedUrl = redactedUrl;
  }

  ResolvedRevision resolve(String revision) throws SourceException, IOException {
    String rev = revision == null ? "" : revision.strip();
    try (RevWalk walk = new RevWalk(repo)) {
      if (rev.isEmpty() || rev.equals(Constants.HEAD)) {
        return defaultBranch(walk);
      }
      ResolvedRevision byRef = byRef(walk, rev);
      if (byRef != null) {
        return byRef;
      }
      if (HEX.matcher(rev).matches()) {
        ResolvedRevision bySha = bySha(walk, rev.toLowerCase(Locale.ROOT));
        if (bySha != null) {
          return bySha;
        }
      }
      ResolvedRevision bySemver = bySemver(walk, rev);
      if (bySemver != null) {
        return bySemver;
      }
    }
    throw new SourceException("revision " + rev + " not found in " + redactedUrl);
  }

  private ResolvedRevision defaultBranch(RevWalk walk) throws IOException, SourceException {
    Ref head = repo.exactRef(Constants.HEAD);
    if (head == null || head.getObjectId() == null) {
      throw new SourceException(
          "revision HEAD not found in " + redactedUrl + ": the remote has no default branch");
    }
    String ref = head.isSymbolic() ? head.getTarget().getName() : Constants.HEAD;
    return new ResolvedRevision(commitOf(walk, head.getObjectId(), ref), ref);
  }

  private ResolvedRevision byRef(RevWalk walk, String rev) throws IOException, SourceException {
    List<String> candidates = new ArrayList<>();
    if (rev.startsWith(Constants.R_REFS)) {
      candidates.add(rev);
    } else {
      candidates.add(Constants.R_HEADS + rev);
      candidates.add(Constants.R_TAGS + rev);
      // a local checkout standing in for its remote (`keelson plan --repo PATH`) may have a branch
      // only as origin's remote-tracking branch, as CI checkouts do; clones have none of these
      candidates.add(Constants.R_REMOTES + "origin/" + rev);
    }
    for (String name : candidates) {
      Ref ref = repo.exactRef(name);
      if (ref != null && ref.getObjectId() != null) {
        return new ResolvedRevision(commitOf(walk, ref.getObjectId(), name), name);
      }
    }
    return null;
  }

  private ResolvedRevision bySha(RevWalk walk, String hex) throws IOException, SourceException {
    ObjectId id;
    if (hex.length() == Constants.OBJECT_ID_STRING_LENGTH) {
      id = ObjectId.fromString(hex);
    } else {
      try (ObjectReader reader = repo.newObjectReader()) {
        Collection<ObjectId> matches = reader.resolve(AbbreviatedObjectId.fromString(hex));
        List<ObjectId> commits = new ArrayList<>();
        for (ObjectId match : matches) {
          if (reader.open(match).getType() == Constants.OBJ_COMMIT) {
            commits.add(match);
          }
        }
        if (commits.size() > 1) {
          throw new SourceException(
              "revision " + hex + " is ambiguous in " + redactedUrl + ": use the full commit id");
        }
        if (commits.isEmpty()) {
          return null;
        }
        id = commits.get(0);
      }
    }
    try {
      RevCommit commit = walk.parseCommit(id);
      return new ResolvedRevision(commit.name(), commit.name());
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return null;
    }
  }

  private ResolvedRevision bySemver(RevWalk walk, String rev) throws IOException, SourceException {
    RangesList range = parseRange(rev);
    if (range == null) {
      return null;
    }
    Semver best = null;
    Ref bestRef = null;
    for (Ref tag : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      Semver version = parseTagVersion(tag.getName().substring(Constants.R_TAGS.length()));
      if (version == null || !version.satisfies(range)) {
        continue;
      }
      // Equal versions (v1.2.3 and 1.2.3): the lexically smaller name wins, for determinism.
      if (best == null
          || version.isGreaterThan(best)
          || (version.isEqualTo(best) && tag.getName().compareTo(bestRef.getName()) < 0)) {
        best = version;
        bestRef = tag;
      }
    }
    if (bestRef == null) {
      throw new SourceException(
          "revision " + rev + " not found in " + redactedUrl + ": no tag satisfies the range");
    }
    return new ResolvedRevision(
        commitOf(walk, bestRef.getObjectId(), bestRef.getName()), bestRef.getName());
  }

  /**
   * Parses npm-style ranges; commas also mean AND, as in Masterminds/semver used by Flux and
   * Helm. Returns null when the text is not a range. Words without digits are never ranges:
   * semver4j maps e.g. {@code latest} to {@code *}, which would silently turn a mistyped branch
   * name into "newest tag".
   */
  static RangesList parseRange(String rev) {
    String text = rev.replace(',', ' ').replaceAll("\\s+", " ").strip();
    boolean wildcard = text.equals("*") || text.equalsIgnoreCase("x");
    if (text.isEmpty() || (!wildcard && !HAS_DIGIT.matcher(text).matches())) {
      return null;
    }
    try {
      RangesList range = RangesListFactory.create(text);
      return range.get().isEmpty() ? null : range;
    } catch (RuntimeException e) {
      return null;
    }
  }

  static Semver parseTagVersion(String tagName) {
    String name = tagName;
    if (name.startsWith("v") || name.startsWith("V")) {
      name = name.substring(1);
    }
    try {
      return Semver.parse(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private String commitOf(RevWalk walk, ObjectId id, String what)
      throws IOException, SourceException {
    try {
      // parseCommit peels annotated tags down to the commit they point at.
      return walk.parseCommit(id).name();
    } catch (IncorrectObjectTypeException e) {
      throw new SourceException(what + " in " + redactedUrl + " does not point at a commit");
    }
  }
}
