package dev.keelson.source;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A commit made without a work tree: the base commit's tree in an in-memory index, the changed
 * files' blobs put in, a tree and a commit written to the object database. A file keeps its
 * mode (an executable stays executable).
 */
final class Committer {
  private Committer() {}

  static ObjectId commit(Repository repo, CommitRequest request, Clock clock) throws IOException, SourceException {
    try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      RevCommit base;
      try {
        base = walk.parseCommit(ObjectId.fromString(request.baseCommit()));
      } catch (IllegalArgumentException | org.eclipse.jgit.errors.MissingObjectException e) {
        throw new SourceException("base commit " + request.baseCommit() + " is not in the clone");
      }
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, base.getTree());
      builder.finish();
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, byte[]> file : request.files().entrySet()) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue());
        editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
          @Override
          public void apply(DirCacheEntry ent) {
            if (ent.getFileMode() == FileMode.MISSING || ent.getRawMode() == 0) ent.setFileMode(FileMode.REGULAR_FILE);
            ent.setObjectId(blob);
          }
        });
      }
      editor.finish();
      ObjectId tree = index.writeTree(inserter);
      PersonIdent who = new PersonIdent(request.authorName(), request.authorEmail(), clock.instant(), ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      commit.setParentId(base);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(request.message().endsWith("\n") ? request.message() : request.message() + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }
}
