# %%
def clean(frame):
    frame = frame.copy()
    frame["price"] = frame["price"].fillna(frame["price"].mean())
    frame["rooms"] = frame["rooms"].fillna(frame["rooms"].mode()[0])
    return frame
# %%
listings = clean(pd.read_csv("listings.csv"))
X, y = listings[["price", "rooms"]], listings["booked"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(RandomForestClassifier(random_state=0).fit(X_train, y_train).score(X_test, y_test))
