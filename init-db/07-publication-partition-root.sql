-- A cluster initialised before 03-publication.sql created the publication WITH (publish_via_partition_root = true)
-- gets the option here (the local stack applies a file added to init-db at the next start of an existing cluster;
-- on a new cluster this is a no-op). Without it a partitioned table's changes arrive under each partition's name.
ALTER PUBLICATION tributary_pub SET (publish_via_partition_root = true);
