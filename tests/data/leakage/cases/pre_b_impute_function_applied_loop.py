# %%
def fill_numeric(frame):
    numeric = frame.select_dtypes("number").columns
    frame[numeric] = frame[numeric].fillna(frame[numeric].mean())
    return frame
# %%
data = fill_numeric(pd.read_csv("hr.csv"))
X_train, X_test, y_train, y_test = train_test_split(data[["age", "salary"]], data["left"], random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
