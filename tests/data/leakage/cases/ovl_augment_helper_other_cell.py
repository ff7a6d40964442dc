# %%
def augment(frame):
    jittered = frame.copy()
    jittered["x"] = jittered["x"] * 1.01
    return pd.concat([frame, jittered], ignore_index=True)
# %%
df = augment(pd.read_csv("points.csv"))
X_train, X_test, y_train, y_test = train_test_split(df[["x", "z"]], df["label"], random_state=0)
print(KNeighborsClassifier(1).fit(X_train, y_train).score(X_test, y_test))
