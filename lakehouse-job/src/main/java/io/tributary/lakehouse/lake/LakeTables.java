package io.tributary.lakehouse.lake;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Lists the Delta tables under a lake folder (bronze/ or silver/) by their {@code _delta_log}. */
public final class LakeTables {

    private LakeTables() {
    }

    public static List<String> list(Configuration hadoopConf, String folder) {
        List<String> tables = new ArrayList<>();
        try {
            FileSystem fs = FileSystem.get(URI.create(folder), hadoopConf);
            FileStatus[] children;
            try {
                children = fs.listStatus(new Path(folder));
            } catch (FileNotFoundException e) {
                return tables;
            }
            for (FileStatus child : children) {
                if (child.isDirectory() && fs.exists(new Path(child.getPath(), "_delta_log"))) {
                    tables.add(child.getPath().getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list Delta tables under " + folder + ": " + e.getMessage(), e);
        }
        tables.sort(String::compareTo);
        return tables;
    }

    public static boolean exists(Configuration hadoopConf, String tablePath) {
        try {
            FileSystem fs = FileSystem.get(URI.create(tablePath), hadoopConf);
            return fs.exists(new Path(tablePath, "_delta_log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + tablePath + ": " + e.getMessage(), e);
        }
    }
}
