# %%
trips = pd.read_csv("trips.csv")
trips["dist_vs_zone"] = trips["distance"] - trips.groupby("zone")["distance"].transform("mean")
# %%
X_train, X_test, y_train, y_test = train_test_split(trips[["distance", "dist_vs_zone"]], trips["tip"], random_state=0)
print(Ridge().fit(X_train, y_train).score(X_test, y_test))
